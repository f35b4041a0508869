// Pure per-file detectors used by the compliance collector: private keys, credential files, miners.

const PEM_KEY = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |ANY )?PRIVATE KEY)-----/g;
const PGP_KEY = /-----BEGIN PGP PRIVATE KEY BLOCK-----/;
const PUTTY = /^PuTTY-User-Key-File-\d+: /m;

// Every pattern below contains one of these: a byte search rules out most files (binaries, text
// without keys) before any string is made or regex run.
const KEY_MARKERS = [Buffer.from('PRIVATE KEY'), Buffer.from('PuTTY-User-Key-File-')];

/** Kinds of private keys in a file: "RSA PRIVATE KEY" (PKCS#1), "PRIVATE KEY" (PKCS#8), "PuTTY" … */
export function privateKeyKinds(content: Buffer): string[] {
  if (!KEY_MARKERS.some((m) => content.includes(m))) return [];
  // Latin-1 keeps byte offsets and never throws on binary content.
  const text = content.toString('latin1');
  const kinds = new Set<string>();
  // Last END marker per kind, found once: a header counts when an END follows it somewhere.
  const lastEnd = new Map<string, number>();
  for (const m of text.matchAll(PEM_KEY)) {
    if (kinds.has(m[1])) continue;
    let end = lastEnd.get(m[1]);
    if (end === undefined) {
      end = text.lastIndexOf(`-----END ${m[1]}-----`);
      lastEnd.set(m[1], end);
    }
    // A header alone (documentation, a grep pattern in a script) is not a key.
    if (end > (m.index ?? 0)) kinds.add(m[1]);
  }
  if (PGP_KEY.test(text)) kinds.add('PGP PRIVATE KEY BLOCK');
  if (PUTTY.test(text) && /^Private-Lines: \d+/m.test(text)) kinds.add('PuTTY private key');
  return [...kinds];
}

const CREDENTIAL_PATHS: ReadonlyArray<{ re: RegExp; kind: string }> = [
  { re: /\/\.aws\/credentials$/, kind: 'AWS credentials' },
  { re: /\/\.docker\/config\.json$/, kind: 'Docker registry credentials' },
  { re: /\/\.npmrc$/, kind: 'npm auth token' },
  { re: /\/\.git-credentials$/, kind: 'git credentials' },
  { re: /\/\.ssh\/id_[a-z0-9_]+$/, kind: 'SSH private key' },
  { re: /\/\.pypirc$/, kind: 'PyPI credentials' },
  { re: /\/\.netrc$/, kind: 'netrc credentials' },
];

export function isCredentialPath(path: string): boolean {
  // Every credential path has a dot-file or dot-directory: one substring test spares the regexes
  // for nearly every file of an image.
  return path.includes('/.') && !path.endsWith('.pub') && CREDENTIAL_PATHS.some((c) => c.re.test(path));
}

/** What credential a known credential file holds, or null when it holds none (empty auths, no token). */
export function credentialIn(path: string, content: Buffer): string | null {
  const rule = CREDENTIAL_PATHS.find((c) => c.re.test(path));
  if (!rule || path.endsWith('.pub')) return null;
  const text = content.toString('utf8');
  switch (rule.kind) {
    case 'AWS credentials':
      return /^[ \t]*aws_secret_access_key[ \t]*=[ \t]*\S/m.test(text) ? 'aws_secret_access_key' : null;
    case 'Docker registry credentials':
      return dockerAuths(text);
    case 'npm auth token':
      return /(_authToken|_auth|_password)[ \t]*=[ \t]*\S/.test(text) ? '_authToken' : null;
    case 'git credentials':
      return /^[a-z][a-z0-9+.-]{0,30}:\/\/[^:\s/]{1,256}:[^@\s]{1,256}@/m.test(text)
        ? 'user:password URL'
        : null;
    case 'SSH private key':
      return privateKeyKinds(content).length > 0 ? 'private key' : null;
    case 'PyPI credentials':
      return /^[ \t]*password[ \t]*[:=][ \t]*\S/m.test(text) ? 'password' : null;
    case 'netrc credentials':
      return /\bpassword[ \t]+\S/.test(text) ? 'password' : null;
    default:
      return null;
  }
}

function dockerAuths(text: string): string | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  const auths = (doc as { auths?: unknown } | null)?.auths;
  if (typeof auths !== 'object' || auths === null) return null;
  const withAuth = Object.entries(auths as Record<string, unknown>)
    .filter(([, v]) => typeof v === 'object' && v !== null && ('auth' in v || 'identitytoken' in v))
    .map(([k]) => k);
  return withAuth.length > 0 ? `auths for ${withAuth.join(', ')}` : null;
}

/** A regular executable file whose basename is a known miner's. */
export function isMinerName(path: string, mode: number, names: ReadonlySet<string>): boolean {
  if ((mode & 0o111) === 0) return false;
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return names.has(base);
}
