// Pure parsers for the files that name a Linux distribution: os-release, alpine-release,
// debian_version and the Red Hat family's *-release one-liners.

/** Bigger inputs are not release files; refusing them keeps a hostile layer from costing memory. */
const MAX_RELEASE_BYTES = 64 * 1024;

function checkSize(text: string, label: string): void {
  if (text.length > MAX_RELEASE_BYTES) {
    throw new Error(
      `${label}: ${text.length} characters is too large for a release file (limit ${MAX_RELEASE_BYTES})`,
    );
  }
  if (text.includes('\0')) throw new Error(`${label}: contains NUL bytes, not a text release file`);
}

/** Undo the shell-style quoting os-release(5) allows: "…" with \-escapes, '…' literal, or bare. */
function unquote(raw: string): string {
  const value = raw.trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\([$"`\\])/g, '$1');
  }
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1);
  return value;
}

/** All KEY=value assignments of an os-release file; comments and malformed lines are ignored. */
export function parseOsReleaseFields(text: string, label = 'os-release'): Record<string, string> {
  checkSize(text, label);
  const fields: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) fields[match[1]] = unquote(match[2]);
  }
  return fields;
}

export interface OsReleaseInfo {
  id: string;
  versionId?: string;
  prettyName?: string;
  codename?: string;
}

/** ID is required: without it the file says nothing we can match on. */
export function parseOsRelease(text: string, label = 'os-release'): OsReleaseInfo {
  const fields = parseOsReleaseFields(text, label);
  const id = fields.ID?.toLowerCase();
  if (!id) throw new Error(`${label}: no ID= line, cannot tell the distribution`);
  const info: OsReleaseInfo = { id };
  if (fields.VERSION_ID) info.versionId = fields.VERSION_ID;
  if (fields.PRETTY_NAME) info.prettyName = fields.PRETTY_NAME;
  const codename = fields.VERSION_CODENAME || fields.UBUNTU_CODENAME;
  if (codename) info.codename = codename;
  return info;
}

/** First non-empty line, which must look like a version ("3.10.4", "3.19_alpha20230901"). */
export function parseAlpineRelease(text: string, label = 'alpine-release'): string {
  checkSize(text, label);
  const line = text
    .split(/\r?\n/)
    .find((l) => l.trim() !== '')
    ?.trim();
  if (!line || !/^\d+(\.\d+)*([._][0-9A-Za-z]+)*$/.test(line)) {
    throw new Error(`${label}: expected a version like 3.18.4, got ${JSON.stringify(line ?? '')}`);
  }
  return line;
}

export interface DebianVersionInfo {
  /** "12.4", or "trixie/sid" on testing/unstable, exactly as written. */
  release: string;
  /** Set for "codename/sid" forms. */
  codename?: string;
}

export function parseDebianVersion(text: string, label = 'debian_version'): DebianVersionInfo {
  checkSize(text, label);
  const line = text
    .split(/\r?\n/)
    .find((l) => l.trim() !== '')
    ?.trim();
  if (line && /^\d+(\.\d+)*$/.test(line)) return { release: line };
  const named = line ? /^([a-z][a-z0-9-]*)\/sid$/.exec(line) : null;
  if (named) return { release: line as string, codename: named[1] };
  throw new Error(
    `${label}: expected "12.4" or "trixie/sid", got ${JSON.stringify((line ?? '').slice(0, 80))}`,
  );
}

export interface RedHatReleaseInfo {
  family: string;
  release: string;
  name: string;
  codename?: string;
}

// Product names as printed by each distribution's *-release file, mapped to os-release IDs.
const RH_FAMILIES: ReadonlyArray<[RegExp, string]> = [
  [/^red hat enterprise linux/i, 'rhel'],
  [/^centos/i, 'centos'],
  [/^rocky linux/i, 'rocky'],
  [/^almalinux/i, 'almalinux'],
  [/^fedora/i, 'fedora'],
  [/^oracle linux/i, 'ol'],
  [/^amazon linux/i, 'amzn'],
];

/** "CentOS Linux release 7.9.2009 (Core)" → centos 7.9.2009, codename Core. */
export function parseRedHatRelease(text: string, label = 'redhat-release'): RedHatReleaseInfo {
  checkSize(text, label);
  const line =
    text
      .split(/\r?\n/)
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
  const match = /^(.+?)\s+release\s+(\d+(?:\.\d+)*)(?:\s*\(([^)]*)\))?/i.exec(line);
  if (!match)
    throw new Error(
      `${label}: expected "<name> release <version> (<codename>)", got ${JSON.stringify(line.slice(0, 80))}`,
    );
  const family = RH_FAMILIES.find(([re]) => re.test(match[1]))?.[1];
  if (!family) throw new Error(`${label}: unknown distribution ${JSON.stringify(match[1])}`);
  const info: RedHatReleaseInfo = { family, release: match[2], name: line };
  if (match[3]) info.codename = match[3];
  return info;
}
