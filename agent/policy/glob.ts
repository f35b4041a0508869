// Glob patterns ("*" any run, "?" one character) matched without regular expressions, so a hostile pattern
// such as "*a*a*a*a*b" cannot make matching slow: the classic two-pointer walk is O(pattern × text) at worst.
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** A pattern that holds everything: "*" (any number of stars). */
export function isWildcard(pattern: string): boolean {
  return /^\*+$/.test(pattern);
}
