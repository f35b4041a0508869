// Package URLs (purl spec): one canonical string per package, used to key findings and SBOM output.

export interface PurlParts {
  type: string;
  namespace?: string;
  name: string;
  version?: string;
  qualifiers?: Record<string, string | undefined>;
  subpath?: string;
}

// The spec leaves A-Z a-z 0-9 . - _ ~ and ':' unencoded; everything else is percent-encoded UTF-8.
const UNENCODED = /[A-Za-z0-9.\-_~:]/;

export function percentEncode(value: string): string {
  let out = '';
  for (const ch of value) {
    if (UNENCODED.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of Buffer.from(ch, 'utf8')) out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

const TYPE_RE = /^[a-z][a-z0-9.+-]*$/;
const QUALIFIER_KEY_RE = /^[a-z][a-z0-9.\-_]*$/;

/** Per-type normalisation from the purl type definitions (case folding, PyPI name rules). */
function normalise(
  type: string,
  namespace: string | undefined,
  name: string,
): { namespace?: string; name: string } {
  switch (type) {
    case 'pypi':
      return { namespace, name: name.toLowerCase().replace(/_/g, '-') };
    case 'npm':
    case 'composer':
    case 'golang':
    case 'deb':
    case 'apk':
      return { namespace: namespace?.toLowerCase(), name: name.toLowerCase() };
    case 'rpm':
      // rpm names are case sensitive; only the vendor namespace is folded.
      return { namespace: namespace?.toLowerCase(), name };
    default:
      return { namespace, name };
  }
}

/**
 * Build a canonical purl. Throws when the type, name or a qualifier key cannot form a valid purl, naming it.
 * Namespace segments are split on '/' and encoded one by one (maven group, golang module path, npm scope).
 */
export function buildPurl(parts: PurlParts): string {
  const type = parts.type.toLowerCase();
  if (!TYPE_RE.test(type)) throw new Error(`purl: invalid type ${JSON.stringify(parts.type)}`);
  if (parts.name.trim() === '') throw new Error(`purl: empty name for type ${type}`);
  const { namespace, name } = normalise(type, parts.namespace, parts.name);

  let out = `pkg:${type}/`;
  const segments = (namespace ?? '').split('/').filter((s) => s !== '');
  for (const segment of segments) out += percentEncode(segment) + '/';
  out += percentEncode(name);
  if (parts.version !== undefined && parts.version !== '') out += '@' + percentEncode(parts.version);

  const qualifiers = Object.entries(parts.qualifiers ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]): [string, string] => [key.toLowerCase(), value]);
  for (const [key] of qualifiers) {
    if (!QUALIFIER_KEY_RE.test(key)) throw new Error(`purl: invalid qualifier key ${JSON.stringify(key)}`);
  }
  qualifiers.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (qualifiers.length > 0) out += '?' + qualifiers.map(([k, v]) => `${k}=${percentEncode(v)}`).join('&');

  if (parts.subpath !== undefined) {
    const sub = parts.subpath.split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
    if (sub.length > 0) out += '#' + sub.map(percentEncode).join('/');
  }
  return out;
}
