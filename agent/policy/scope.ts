// Which images a rule applies to: glob patterns over the image reference ("nodeapp:*", "*/payments/*", "*").
export interface Scope {
  images?: string[];
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** An image matches a pattern by its full reference, or by the reference without registry/namespace or tag. */
export function imageMatches(pattern: string, ref: string): boolean {
  const re = globToRegExp(pattern);
  const noTag = ref.replace(/:[^/:]+$/, '');
  const short = ref.split('/').pop() ?? ref;
  return [ref, noTag, short, short.replace(/:[^:]+$/, '')].some((c) => re.test(c));
}

export function inScope(scope: Scope | undefined, ref: string): boolean {
  if (!scope?.images || scope.images.length === 0) return true;
  return scope.images.some((p) => imageMatches(p, ref));
}

/** First-match semantics, as rule lists are shown in the console: the first rule whose scope holds the image wins. */
export function firstInScope<T extends { scope?: Scope }>(rules: readonly T[], ref: string): T | undefined {
  return rules.find((r) => inScope(r.scope, ref));
}
