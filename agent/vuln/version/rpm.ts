// RPM version order: epoch numerically, then version and release with rpmvercmp's rules
// (alternating alphabetic/numeric segments, separators ignored, '~' sorts before all, '^' after the base).
import { compareDigits, compareParsed } from './compare-util';
import type { VersionScheme } from './scheme';

interface Evr {
  epoch: string;
  version: string;
  release: string;
}

const EPOCH = /^[0-9]*$/;
const PART = /^[A-Za-z0-9][A-Za-z0-9._+~^]*$/;

export function parseRpm(v: string): Evr | undefined {
  const s = v.trim();
  const colon = s.indexOf(':');
  const epoch = colon === -1 ? '' : s.slice(0, colon);
  const rest = colon === -1 ? s : s.slice(colon + 1);
  if (!EPOCH.test(epoch)) return undefined;
  const dash = rest.lastIndexOf('-');
  const version = dash === -1 ? rest : rest.slice(0, dash);
  const release = dash === -1 ? '' : rest.slice(dash + 1);
  if (!PART.test(version)) return undefined;
  if (dash !== -1 && !PART.test(release)) return undefined;
  return { epoch, version, release };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

const TILDE = 126;
const CARET = 94;

/** rpmvercmp: works on any string, returns -1, 0 or 1. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  const at = (s: string, k: number): number => (k < s.length ? s.charCodeAt(k) : 0);
  const skip = (s: string, k: number): number => {
    while (k < s.length) {
      const c = s.charCodeAt(k);
      if (isDigit(c) || isAlpha(c) || c === TILDE || c === CARET) break;
      k++;
    }
    return k;
  };
  while (i < a.length || j < b.length) {
    i = skip(a, i);
    j = skip(b, j);
    const ca = at(a, i);
    const cb = at(b, j);
    // '~' marks a pre-release: the side that has it is older.
    if (ca === TILDE || cb === TILDE) {
      if (ca !== TILDE) return 1;
      if (cb !== TILDE) return -1;
      i++;
      j++;
      continue;
    }
    // '^' marks a post-release snapshot: newer than the end of the string, older than any further segment.
    if (ca === CARET || cb === CARET) {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (ca !== CARET) return 1;
      if (cb !== CARET) return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = isDigit(ca);
    const test = numeric ? isDigit : isAlpha;
    const si = i;
    const sj = j;
    while (i < a.length && test(a.charCodeAt(i))) i++;
    while (j < b.length && test(b.charCodeAt(j))) j++;
    // Segments of different types: numeric is newer than alphabetic.
    if (j === sj) return numeric ? 1 : -1;
    const x = a.slice(si, i);
    const y = b.slice(sj, j);
    const d = numeric ? compareDigits(x, y) : x < y ? -1 : x > y ? 1 : 0;
    if (d !== 0) return d;
  }
  if (i >= a.length && j >= b.length) return 0;
  // Whichever still has characters left is newer.
  return i < a.length ? 1 : -1;
}

function compareEvr(x: Evr, y: Evr): number {
  return (
    compareDigits(x.epoch, y.epoch) || rpmvercmp(x.version, y.version) || rpmvercmp(x.release, y.release)
  );
}

export const rpm: VersionScheme = {
  name: 'rpm',
  compare: (a, b) => compareParsed(a, b, parseRpm, compareEvr),
  valid: (v) => parseRpm(v) !== undefined,
};
