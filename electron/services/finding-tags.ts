// Puts each finding's tags on the rows of an image's vulnerability list, and filters the list by tag.
import type { TagAssignmentDto } from '../contract/collections-dto';
import type { VulnRowDto } from '../contract/dto';
import type { TaggedFinding } from './vuln-tags';

export interface FindingTagSource {
  tagger(imageRef: string, findings: readonly TaggedFinding[]): (f: TaggedFinding) => TagAssignmentDto[];
}

export function tagRows(
  rows: VulnRowDto[],
  imageRef: string,
  source: FindingTagSource | undefined,
  tag?: string,
): VulnRowDto[] {
  if (!source) return rows;
  const tagsOf = source.tagger(imageRef, rows);
  const tagged = rows.map((r) => ({ ...r, tags: tagsOf(r) }));
  if (!tag) return tagged;
  const wanted = tag.toLowerCase();
  return tagged.filter((r) => r.tags.some((t) => t.tag.toLowerCase() === wanted));
}
