// Collections: named sets of resources described by patterns, used as rule scopes (as in Prisma Cloud Compute).
import { globMatch, isWildcard } from './glob';
import { imageMatches } from './image-ref';

export interface CollectionPatterns {
  /** Image reference globs ("moat-test/*", "nodeapp:v1"). */
  images: string[];
  /** Container name globs. */
  containers: string[];
  /** Host name globs. */
  hosts: string[];
  /** Label globs "key=value" ("env=prod*", "team=*"); a pattern without "=" asks only that the key exists. */
  labels: string[];
}

export interface Collection extends CollectionPatterns {
  name: string;
  description?: string;
  colour?: string;
}

/**
 * What a rule is judged for. A field left undefined is a dimension the subject does not have (a CI image has
 * no container; labels are unknown until the image is read): the collection's patterns for it are not applied.
 */
export interface ScopeSubject {
  image?: string;
  container?: string;
  host?: string;
  labels?: Record<string, string>;
}

export function labelMatches(pattern: string, labels: Record<string, string>): boolean {
  const eq = pattern.indexOf('=');
  const keyGlob = eq < 0 ? pattern : pattern.slice(0, eq);
  const valueGlob = eq < 0 ? '*' : pattern.slice(eq + 1);
  return Object.entries(labels).some(([k, v]) => globMatch(keyGlob, k) && globMatch(valueGlob, v));
}

function dimension(patterns: readonly string[], value: unknown, test: (p: string) => boolean): boolean {
  // No patterns or a bare "*" means every resource; a missing dimension on the subject is not judged.
  if (patterns.length === 0 || patterns.some(isWildcard) || value === undefined) return true;
  return patterns.some(test);
}

/** A subject is in a collection when every dimension the collection narrows holds it (AND across, OR within). */
export function collectionMatches(c: CollectionPatterns, s: ScopeSubject): boolean {
  return (
    dimension(c.images, s.image, (p) => imageMatches(p, s.image!)) &&
    dimension(c.containers, s.container, (p) => globMatch(p, s.container!.replace(/^\//, ''))) &&
    dimension(c.hosts, s.host, (p) => globMatch(p, s.host!)) &&
    dimension(c.labels, s.labels, (p) => labelMatches(p, s.labels!))
  );
}
