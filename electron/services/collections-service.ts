// Manage › Collections: named resource sets used as rule scopes. Renaming one rewrites the rules that name it;
// deleting one that a rule still names is refused, naming the rules.
import type { CollectionPatterns } from '../../agent/policy/collection';
import { ApiError } from '../api/errors';
import type { CollectionDto, CollectionInputDto } from '../contract/collections-dto';
import type { CollectionRecord, CollectionsRepo } from '../db/repos/collections-repo';
import { renameCollectionInRules, rulesUsingCollection } from './rule-scopes';
import type { RuleStore } from './rule-store';

export class CollectionsService {
  /** The rule store is set after construction: it resolves collection names through this service. */
  rules?: RuleStore;

  constructor(
    private readonly repo: CollectionsRepo,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): CollectionDto[] {
    return this.repo.list().map((c) => this.dto(c));
  }

  /** Patterns of a collection by name (case-insensitive), for rule scopes. */
  lookup(name: string): CollectionPatterns | undefined {
    return this.repo.byName(name);
  }

  /** Creates a collection, or updates the one with `id`. */
  save(input: CollectionInputDto & { id?: number }): CollectionDto {
    const { id, ...c } = input;
    const clash = this.repo.byName(c.name);
    if (clash && clash.id !== id)
      throw new ApiError('bad_request', `a collection named "${clash.name}" already exists`);
    const at = this.now().toISOString();
    if (id === undefined) return this.dto(this.repo.get(this.repo.insert(c, at))!);
    const old = this.existing(id);
    this.repo.transaction(() => {
      this.repo.update(id, c, at);
      if (old.name !== c.name && this.rules) renameCollectionInRules(this.rules, old.name, c.name);
    });
    return this.dto(this.repo.get(id)!);
  }

  delete(id: number): CollectionDto[] {
    const c = this.existing(id);
    const users = this.usedBy(c.name);
    if (users.length > 0)
      throw new ApiError(
        'bad_request',
        `collection "${c.name}" is used by ${users.join(', ')}; remove it from those rules' scopes first`,
      );
    this.repo.delete(id);
    return this.list();
  }

  private existing(id: number): CollectionRecord {
    const c = this.repo.get(id);
    if (!c) throw new ApiError('not_found', `no collection with id ${id}`);
    return c;
  }

  private usedBy(name: string): string[] {
    return this.rules ? rulesUsingCollection(this.rules, name) : [];
  }

  private dto(c: CollectionRecord): CollectionDto {
    return { ...c, usedBy: this.usedBy(c.name) };
  }
}
