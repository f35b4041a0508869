// Helpers shared by the comparators: digit strings of any length and a total order for invalid input.

/** Compares two runs of ASCII digits numerically without overflow ("007" == "7"). Empty counts as 0. */
export function compareDigits(a: string, b: string): number {
  const x = stripZeros(a);
  const y = stripZeros(b);
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

function stripZeros(s: string): string {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === 48) i++;
  return s.slice(i);
}

/** Plain code-unit order: deterministic and cheap, used for tie-breaks and invalid strings. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/**
 * Builds compare() from a parser so every scheme stays a total order even on garbage:
 * valid versions sort above invalid ones, and two invalid strings compare as plain strings.
 */
export function compareParsed<T>(
  a: string,
  b: string,
  parse: (v: string) => T | undefined,
  cmp: (x: T, y: T) => number,
): number {
  const x = parse(a);
  const y = parse(b);
  if (x !== undefined && y !== undefined) return sign(cmp(x, y));
  if (x !== undefined) return 1;
  if (y !== undefined) return -1;
  return compareStrings(a, b);
}
