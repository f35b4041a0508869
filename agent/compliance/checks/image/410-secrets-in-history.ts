// CIS 4.10: secrets passed as ENV/ARG or inline in RUN stay readable in the image history forever.
import { maskSecret } from '../../mask';
import { isSensitiveName, secretValueKinds } from '../../secrets';
import { failIfAny, notApplicable, type ComplianceCheck } from '../../types';

// NAME=value pairs (ENV/ARG/inline assignments); the value may be quoted.
const ASSIGN = /\b([A-Za-z_][A-Za-z0-9_]{0,127})=("([^"]{0,4096})"|'([^']{0,4096})'|(\S{1,4096}))/g;
const TOKEN = /[^\s"'=]{8,}/g;

export function historySecrets(line: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const m of line.matchAll(ASSIGN)) {
    const value = m[3] ?? m[4] ?? m[5] ?? '';
    if (value === '' || value.startsWith('$')) continue;
    const kinds = secretValueKinds(value);
    if (isSensitiveName(m[1]) || kinds.length > 0) {
      seen.add(value);
      out.push(`${m[1]}=${maskSecret(value)}${kinds.length ? ` (${kinds.join(', ')})` : ''}`);
    }
  }
  for (const m of line.matchAll(TOKEN)) {
    const t = m[0];
    if ([...seen].some((s) => s.includes(t) || t.includes(s))) continue;
    const kinds = secretValueKinds(t).filter((k) => k !== 'high-entropy string');
    if (kinds.length > 0) out.push(`${maskSecret(t)} (${kinds.join(', ')})`);
  }
  return out;
}

export const secretsInHistory: ComplianceCheck<'image'> = {
  id: 410,
  kind: 'image',
  evaluate({ inventory }) {
    const history = inventory.image.history;
    if (history.length === 0) return notApplicable('the image has no build history to inspect');
    const found = history.flatMap((h, i) => historySecrets(h.createdBy).map((s) => `history ${i}: ${s}`));
    return failIfAny(found, `${history.length} history entries hold no secret-looking assignments or tokens`);
  },
};
