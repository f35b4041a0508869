// Deciding whether an environment variable (or a token in a history line) holds a secret.
//
// Names: a variable is sensitive when one of its "_"/"-" separated words is SECRET, PASSWORD, PASSWD,
// PASS, PWD is NOT (it is the shell's working directory), TOKEN, CREDENTIAL(S), APIKEY, AUTH, KEY
// or the pair CLIENT_ID. CLIENT_ID is included on purpose: an OAuth client id is half of a credential
// pair and the workshop image ships it beside SECRET_KEY. Names mentioning GPG/PGP or PUBLIC (the
// official images' GPG_KEYS fingerprints, public keys) and *_FILE/*_PATH indirections are not secrets.
// Values: AWS access key ids, private key blocks, JWTs, GitHub/Slack tokens, URLs with a password and
// long high-entropy strings are secrets whatever the name.

const NAME_WORDS = new Set([
  'SECRET',
  'SECRETS',
  'PASSWORD',
  'PASSWD',
  'PASS',
  'TOKEN',
  'CREDENTIAL',
  'CREDENTIALS',
  'APIKEY',
  'AUTH',
  'KEY',
  'PRIVATEKEY',
  'ACCESSKEY',
  'SECRETKEY',
]);
const NOT_SECRET_WORDS = new Set(['GPG', 'PGP', 'PUBLIC', 'PUB', 'FILE', 'PATH', 'DIR', 'URL_FILE']);

export function isSensitiveName(name: string): boolean {
  const words = name
    .toUpperCase()
    .split(/[_\-.]+/)
    .filter(Boolean);
  if (words.some((w) => NOT_SECRET_WORDS.has(w))) return false;
  for (let i = 0; i < words.length; i++) {
    if (NAME_WORDS.has(words[i])) return true;
    if (words[i] === 'CLIENT' && words[i + 1] === 'ID') return true;
  }
  return false;
}

const MAX_VALUE = 16 * 1024;

export interface ValuePattern {
  name: string;
  re: RegExp;
}

export const VALUE_PATTERNS: readonly ValuePattern[] = [
  { name: 'AWS access key id', re: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\b/ },
  { name: 'private key block', re: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/ },
  { name: 'JWT', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
  { name: 'GitHub token', re: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/ },
  { name: 'Slack token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { name: 'URL with password', re: /[a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/@]{1,256}:[^\s/@]{1,256}@/i },
];

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  const n = [...s].length;
  for (const k of counts.values()) {
    const p = k / n;
    h -= p * Math.log2(p);
  }
  return h;
}

/** A long token of mixed character classes with high entropy (random keys, not words or paths). */
export function isHighEntropy(value: string): boolean {
  if (value.length < 20 || value.length > 4096) return false;
  if (/\s/.test(value)) return false;
  // Paths and PATH-like lists are long and varied but not secrets: every segment is short.
  if (value.includes('/') && value.split(/[/:]/).every((seg) => seg.length < 20)) return false;
  // UUIDs are identifiers; a name rule catches the ones that matter (CLIENT_ID).
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
  return classes >= 3 && entropy(value) >= 4.0;
}

/** Names of the value patterns that match (with "high-entropy string" last, only when nothing else did). */
export function secretValueKinds(raw: string): string[] {
  // Bounded input keeps every pattern linear-time on hostile values.
  const value = raw.length > MAX_VALUE ? raw.slice(0, MAX_VALUE) : raw;
  const kinds = VALUE_PATTERNS.filter((p) => p.re.test(value)).map((p) => p.name);
  if (kinds.length === 0 && isHighEntropy(value)) kinds.push('high-entropy string');
  return kinds;
}

export interface EnvSecret {
  name: string;
  value: string;
  /** Why it was flagged: "name" and/or value pattern names. */
  why: string[];
}

/** Split "NAME=value" entries and return those that look like secrets (empty values are not). */
export function envSecrets(env: readonly string[]): EnvSecret[] {
  const out: EnvSecret[] = [];
  for (const entry of env) {
    if (typeof entry !== 'string') continue;
    const eq = entry.indexOf('=');
    if (eq <= 0) continue;
    const name = entry.slice(0, eq);
    const value = entry.slice(eq + 1);
    if (value.trim() === '') continue;
    const why: string[] = [];
    if (isSensitiveName(name)) why.push('name');
    why.push(...secretValueKinds(value));
    if (why.length > 0) out.push({ name, value, why });
  }
  return out;
}
