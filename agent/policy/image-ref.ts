// Image reference globs: a pattern may name the full reference or leave out registry/namespace and tag.
import { globMatch } from './glob';

/** An image matches a pattern by its full reference, or by the reference without registry/namespace or tag. */
export function imageMatches(pattern: string, ref: string): boolean {
  const noTag = ref.replace(/:[^/:]+$/, '');
  const short = ref.split('/').pop() ?? ref;
  return [ref, noTag, short, short.replace(/:[^:]+$/, '')].some((c) => globMatch(pattern, c));
}
