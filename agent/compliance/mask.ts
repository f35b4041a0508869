// Evidence never carries a secret in full: enough to recognise it, not enough to use it.

/** "~DUUvI~gbnZ_~~zrj3J4i83q69vuJGczn0" -> "~DUU…czn0"; short values are hidden entirely. */
export function maskSecret(value: string): string {
  const chars = [...value];
  if (chars.length === 0) return '(empty)';
  // Below 12 characters, showing 8 of them would give most of the secret away.
  if (chars.length < 12) return `****(${chars.length} chars)`;
  return `${chars.slice(0, 4).join('')}…${chars.slice(-4).join('')}`;
}

/** Replace every occurrence of the given secrets in a text (history lines) by their masked form. */
export function maskIn(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    if (s.length > 0) out = out.split(s).join(maskSecret(s));
  }
  return out;
}
