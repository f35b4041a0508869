// Tags on vulnerabilities ("Ignored", "In progress", …): a tag is put on a vulnerability id, optionally only for
// one package and/or one image, with a comment and who/when.
import os from 'node:os';
import { imageMatches } from '../../agent/policy/image-ref';
import { ApiError } from '../api/errors';
import type { TagAssignmentDto, VulnTagDto } from '../contract/collections-dto';
import type { VulnTagsRepo } from '../db/repos/vuln-tags-repo';

export interface TaggedFinding {
  id: string;
  aliases: readonly string[];
  packageName: string;
}

/** A tag applies to a finding by its id or any alias, within its package and image narrowing. */
export function tagApplies(a: TagAssignmentDto, f: TaggedFinding, imageRef: string): boolean {
  const idMatches = a.vulnId === f.id || f.aliases.includes(a.vulnId);
  return (
    idMatches && (!a.package || a.package === f.packageName) && (!a.image || imageMatches(a.image, imageRef))
  );
}

/** Who is acting: the console's account (MOAT_USER) when it has one, else the user running the console. */
export function operator(): string {
  return process.env.MOAT_USER || os.userInfo().username;
}

export class VulnTags {
  constructor(
    private readonly repo: VulnTagsRepo,
    private readonly now: () => Date = () => new Date(),
    private readonly who: () => string = operator,
  ) {}

  tags(): VulnTagDto[] {
    return this.repo.tags();
  }

  saveTag(t: { id?: number; name: string; colour: string; description: string }): VulnTagDto {
    const clash = this.repo.tagByName(t.name);
    if (clash && clash.id !== t.id)
      throw new ApiError('bad_request', `a tag named "${clash.name}" already exists`);
    if (t.id === undefined) return this.repo.tag(this.repo.insertTag(t))!;
    this.existingTag(t.id);
    this.repo.updateTag(t.id, t);
    return this.repo.tag(t.id)!;
  }

  deleteTag(id: number): VulnTagDto[] {
    this.existingTag(id);
    this.repo.deleteTag(id);
    return this.repo.tags();
  }

  assign(a: {
    tag: string;
    vulnId: string;
    package?: string;
    image?: string;
    comment: string;
  }): TagAssignmentDto {
    const tag = this.repo.tagByName(a.tag);
    if (!tag) throw new ApiError('bad_request', `no tag named "${a.tag}"`);
    return this.repo.assign({
      tagId: tag.id,
      vulnId: a.vulnId,
      package: a.package ?? '',
      image: a.image ?? '',
      comment: a.comment,
      author: this.who(),
      at: this.now().toISOString(),
    });
  }

  unassign(id: number): { removed: boolean } {
    if (!this.repo.unassign(id)) throw new ApiError('not_found', `no tag assignment with id ${id}`);
    return { removed: true };
  }

  assignments(vulnId?: string): TagAssignmentDto[] {
    return this.repo.assignments(vulnId === undefined ? undefined : [vulnId]);
  }

  /** The tags on each finding of one image, looked up in one query. */
  tagger(imageRef: string, findings: readonly TaggedFinding[]): (f: TaggedFinding) => TagAssignmentDto[] {
    const ids = findings.flatMap((f) => [f.id, ...f.aliases]);
    const all = this.repo.assignments(ids);
    return (f) => all.filter((a) => tagApplies(a, f, imageRef));
  }

  private existingTag(id: number): VulnTagDto {
    const t = this.repo.tag(id);
    if (!t) throw new ApiError('not_found', `no tag with id ${id}`);
    return t;
  }
}
