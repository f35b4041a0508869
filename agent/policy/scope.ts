// Which resources a rule applies to: image reference globs ("nodeapp:*", "*/payments/*") and/or named
// collections. A rule is in scope when any image glob or any of its collections holds the subject.
import { collectionMatches, type CollectionPatterns, type ScopeSubject } from './collection';
import { imageMatches } from './image-ref';

export { imageMatches };
export type { ScopeSubject };

export interface Scope {
  images?: string[];
  collections?: string[];
}

/** Finds a collection by name; undefined for a name that is not (or no longer) stored. */
export type CollectionLookup = (name: string) => CollectionPatterns | undefined;

const none: CollectionLookup = () => undefined;

function subjectOf(s: ScopeSubject | string): ScopeSubject {
  return typeof s === 'string' ? { image: s } : s;
}

export function inScope(
  scope: Scope | undefined,
  subject: ScopeSubject | string,
  lookup: CollectionLookup = none,
): boolean {
  const images = scope?.images ?? [];
  const collections = scope?.collections ?? [];
  if (images.length === 0 && collections.length === 0) return true;
  const s = subjectOf(subject);
  if (s.image !== undefined && images.some((p) => imageMatches(p, s.image!))) return true;
  // An unknown collection holds nothing: a scope never widens because a name went missing.
  return collections.some((name) => {
    const c = lookup(name);
    return c !== undefined && collectionMatches(c, s);
  });
}

/** First-match semantics, as rule lists are shown in the console: the first rule whose scope holds the subject wins. */
export function firstInScope<T extends { scope?: Scope }>(
  rules: readonly T[],
  subject: ScopeSubject | string,
  lookup: CollectionLookup = none,
): T | undefined {
  return rules.find((r) => inScope(r.scope, subject, lookup));
}
