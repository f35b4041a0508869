// Pure parsers for dpkg's database: the status file (deb822 stanzas), the distroless status.d/ files
// (same stanzas, no Status field) and the per-package info/<pkg>[:arch].md5sums lists.

export interface DpkgStatusRecord {
  name: string;
  version: string;
  architecture?: string;
  /** Multi-Arch: same | foreign | allowed. */
  multiArch?: string;
  /** From "Source: name (version)"; defaults to the package's own name and version. */
  sourceName: string;
  sourceVersion: string;
  /** The Status field as written ("install ok installed"), absent in status.d files. */
  status?: string;
  /** Whether the package's files are on disk (see isInstalledStatus). */
  installed: boolean;
  maintainer?: string;
  /** First line of Description. */
  summary?: string;
}

export interface DpkgStatusOptions {
  /** status.d files carry no Status field: every stanza there is an installed package. */
  assumeInstalled?: boolean;
  label?: string;
}

/**
 * Status is "<want> <flag> <state>". The package's files are present and configured when the state is
 * "installed" (any want: "hold ok installed" is installed too) or only its triggers are pending.
 * "config-files", "not-installed", "half-installed" and the like leave no usable package behind.
 */
export function isInstalledStatus(status: string): boolean {
  const state = status.trim().split(/\s+/)[2];
  return state === 'installed' || state === 'triggers-pending' || state === 'triggers-awaited';
}

const FIELD_RE = /^([A-Za-z0-9][A-Za-z0-9-]*):[ \t]*(.*)$/;

/** deb822 paragraphs as lower-cased field maps; continuation lines are joined with "\n". */
export function parseDeb822(text: string, label = 'deb822 input'): Array<Map<string, string>> {
  const nul = text.indexOf('\0');
  if (nul >= 0) throw new Error(`${label}: binary data (NUL byte at offset ${nul}), not a dpkg database`);
  const stanzas: Array<Map<string, string>> = [];
  let current = new Map<string, string>();
  let lastKey: string | undefined;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') {
      if (current.size > 0) stanzas.push(current);
      current = new Map();
      lastKey = undefined;
      continue;
    }
    if (line[0] === ' ' || line[0] === '\t') {
      if (lastKey !== undefined) current.set(lastKey, `${current.get(lastKey)}\n${line.slice(1)}`);
      continue;
    }
    const match = FIELD_RE.exec(line);
    if (!match) {
      // Not a field and not a continuation: dpkg would refuse it; we skip the line and keep going.
      lastKey = undefined;
      continue;
    }
    lastKey = match[1].toLowerCase();
    current.set(lastKey, match[2]);
  }
  if (current.size > 0) stanzas.push(current);
  return stanzas;
}

function parseSource(field: string | undefined): { name?: string; version?: string } {
  if (!field) return {};
  const match = /^(\S+)(?:\s+\(([^)]+)\))?/.exec(field.trim());
  return match ? { name: match[1], version: match[2]?.trim() } : {};
}

/** First line of a field that dpkg defines as single-line; extra lines would corrupt names and versions. */
function single(stanza: Map<string, string>, key: string): string | undefined {
  const value = stanza.get(key)?.split('\n')[0].trim();
  return value === '' ? undefined : value;
}

/** Stanzas without Package or Version (purged leftovers, garbage) are not packages and are dropped. */
export function parseDpkgStatus(text: string, options: DpkgStatusOptions = {}): DpkgStatusRecord[] {
  const records: DpkgStatusRecord[] = [];
  for (const stanza of parseDeb822(text, options.label ?? 'dpkg status')) {
    const rawName = single(stanza, 'package');
    const version = single(stanza, 'version');
    if (!rawName || !version) continue;
    // "libc6:amd64" is how dpkg-query names multi-arch instances; status itself uses Architecture.
    const [name, archSuffix] = rawName.split(':', 2);
    const architecture = single(stanza, 'architecture') ?? (archSuffix || undefined);
    const status = single(stanza, 'status');
    const source = parseSource(single(stanza, 'source'));
    const record: DpkgStatusRecord = {
      name,
      version,
      sourceName: source.name ?? name,
      sourceVersion: source.version ?? version,
      installed: status === undefined ? options.assumeInstalled === true : isInstalledStatus(status),
    };
    if (architecture) record.architecture = architecture;
    const multiArch = single(stanza, 'multi-arch');
    if (multiArch) record.multiArch = multiArch;
    if (status !== undefined) record.status = status;
    const maintainer = single(stanza, 'maintainer');
    if (maintainer) record.maintainer = maintainer;
    const summary = stanza.get('description')?.split('\n')[0].trim();
    if (summary) record.summary = summary;
    records.push(record);
  }
  return records;
}

export interface DpkgMd5sum {
  md5: string;
  /** Absolute path inside the image. */
  path: string;
}

/** Lines "<32 hex>  relative/path". A malformed line means the list cannot be trusted: it throws. */
export function parseDpkgMd5sums(text: string, label = 'md5sums'): DpkgMd5sum[] {
  const out: DpkgMd5sum[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    if (line === '') continue;
    const match = /^([0-9a-fA-F]{32}) [ *]?(.+)$/.exec(line);
    if (!match)
      throw new Error(`${label}: line ${i + 1} is not "<md5>  <path>": ${JSON.stringify(line.slice(0, 80))}`);
    out.push({ md5: match[1].toLowerCase(), path: '/' + match[2].replace(/^(\.\/|\/)+/, '') });
  }
  return out;
}

/**
 * "/var/lib/dpkg/info/libc6:amd64.md5sums" → { name: "libc6", arch: "amd64" }; distroless keeps the same lists
 * as "/var/lib/dpkg/status.d/<pkg>.md5sums". Undefined for other paths.
 */
export function dpkgInfoFileOwner(
  path: string,
  suffix = '.md5sums',
): { name: string; arch?: string } | undefined {
  const match = /^\/var\/lib\/dpkg\/(?:info|status\.d)\/([^/:]+)(?::([^/:]+))?$/.exec(
    path.endsWith(suffix) ? path.slice(0, -suffix.length) : '',
  );
  if (!match) return undefined;
  return match[2] ? { name: match[1], arch: match[2] } : { name: match[1] };
}
