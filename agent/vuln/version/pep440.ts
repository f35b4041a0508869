// Python versions per PEP 440: [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local], with the PEP's
// normalisation of alternative spellings (alpha -> a, c/pre/preview -> rc, rev/r/-N -> post, implicit 0).
import { compareDigits, compareParsed, compareStrings } from './compare-util';
import type { VersionScheme } from './scheme';

interface Pep440 {
  epoch: string;
  release: string[];
  pre?: { rank: number; n: string };
  post?: string;
  dev?: string;
  local?: string[];
}

const PATTERN =
  /^\s*v?(?:([0-9]+)!)?([0-9]+(?:\.[0-9]+)*)(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?([0-9]+)?)?(?:-([0-9]+)|[-_.]?(post|rev|r)[-_.]?([0-9]+)?)?(?:[-_.]?(dev)[-_.]?([0-9]+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$/i;

const PRE_RANK: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };

export function parsePep440(v: string): Pep440 | undefined {
  const m = PATTERN.exec(v);
  if (m === null) return undefined;
  const release = (m[2] ?? '').split('.');
  // Trailing zeros do not change the version (1.0 == 1.0.0).
  while (release.length > 1 && /^0+$/.test(release[release.length - 1] ?? '')) release.pop();
  const out: Pep440 = { epoch: m[1] ?? '0', release };
  if (m[3] !== undefined) out.pre = { rank: PRE_RANK[m[3].toLowerCase()] ?? 0, n: m[4] ?? '0' };
  if (m[5] !== undefined) out.post = m[5];
  else if (m[6] !== undefined) out.post = m[7] ?? '0';
  if (m[8] !== undefined) out.dev = m[9] ?? '0';
  if (m[10] !== undefined) out.local = m[10].toLowerCase().split(/[-_.]/);
  return out;
}

function compareRelease(a: string[], b: string[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (d !== 0) return d;
  }
  return 0;
}

/** Phase of the pre-release slot: a dev release of the bare version comes before its pre-releases. */
function prePhase(v: Pep440): number {
  if (v.pre !== undefined) return 0;
  if (v.post === undefined && v.dev !== undefined) return -1;
  return 1;
}

function comparePre(x: Pep440, y: Pep440): number {
  const d = prePhase(x) - prePhase(y);
  if (d !== 0 || x.pre === undefined || y.pre === undefined) return d;
  return x.pre.rank - y.pre.rank || compareDigits(x.pre.n, y.pre.n);
}

/** Absent sorts below present for post and local, above present for dev. */
function compareOptional(a: string | undefined, b: string | undefined, absent: number): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? absent : -absent;
  return compareDigits(a, b);
}

function compareLocal(a: string[] | undefined, b: string[] | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    const xn = /^[0-9]+$/.test(x);
    const yn = /^[0-9]+$/.test(y);
    // Numeric local segments sort above alphanumeric ones.
    const d = xn && yn ? compareDigits(x, y) : xn ? 1 : yn ? -1 : compareStrings(x, y);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

function comparePep440(x: Pep440, y: Pep440): number {
  return (
    compareDigits(x.epoch, y.epoch) ||
    compareRelease(x.release, y.release) ||
    comparePre(x, y) ||
    compareOptional(x.post, y.post, -1) ||
    compareOptional(x.dev, y.dev, 1) ||
    compareLocal(x.local, y.local)
  );
}

export const pep440: VersionScheme = {
  name: 'pep440',
  compare: (a, b) => compareParsed(a, b, parsePep440, comparePep440),
  valid: (v) => parsePep440(v) !== undefined,
};
