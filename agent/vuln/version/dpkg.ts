// Debian version comparison per Debian Policy §5.6.12: [epoch:]upstream_version[-debian_revision].
import { compareDigits, compareParsed } from './compare-util';
import type { VersionScheme } from './scheme';

interface DpkgVersion {
  epoch: string;
  upstream: string;
  revision: string;
}

const EPOCH = /^[0-9]+$/;
// Upstream: alphanumerics and . + - ~, starting with a digit (hyphen only when a revision exists).
const UPSTREAM = /^[0-9][A-Za-z0-9.+~-]*$/;
const REVISION = /^[A-Za-z0-9.+~]+$/;

export function parseDpkg(v: string): DpkgVersion | undefined {
  const s = v.trim();
  const colon = s.indexOf(':');
  const epoch = colon === -1 ? '0' : s.slice(0, colon);
  const rest = colon === -1 ? s : s.slice(colon + 1);
  if (!EPOCH.test(epoch)) return undefined;
  const dash = rest.lastIndexOf('-');
  const upstream = dash === -1 ? rest : rest.slice(0, dash);
  const revision = dash === -1 ? '' : rest.slice(dash + 1);
  if (!UPSTREAM.test(upstream)) return undefined;
  if (dash !== -1 && !REVISION.test(revision)) return undefined;
  return { epoch, upstream, revision };
}

/** Sort weight of one character in a non-digit run: ~ first, then end of string, letters, other symbols. */
function weight(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c === 126) return -1; // '~'
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return c;
  return c + 256;
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** The Policy algorithm: alternate non-digit runs (by weight) and digit runs (numerically). */
export function compareDpkgPart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a, i)) || (j < b.length && !isDigit(b, j))) {
      const wa = i < a.length && !isDigit(a, i) ? weight(a, i) : 0;
      const wb = j < b.length && !isDigit(b, j) ? weight(b, j) : 0;
      if (wa !== wb) return wa - wb;
      if (i < a.length && !isDigit(a, i)) i++;
      if (j < b.length && !isDigit(b, j)) j++;
    }
    const si = i;
    const sj = j;
    while (i < a.length && isDigit(a, i)) i++;
    while (j < b.length && isDigit(b, j)) j++;
    const d = compareDigits(a.slice(si, i), b.slice(sj, j));
    if (d !== 0) return d;
  }
  return 0;
}

function compareVersions(x: DpkgVersion, y: DpkgVersion): number {
  return (
    compareDigits(x.epoch, y.epoch) ||
    compareDpkgPart(x.upstream, y.upstream) ||
    compareDpkgPart(x.revision, y.revision)
  );
}

export const dpkg: VersionScheme = {
  name: 'dpkg',
  compare: (a, b) => compareParsed(a, b, parseDpkg, compareVersions),
  valid: (v) => parseDpkg(v) !== undefined,
};
