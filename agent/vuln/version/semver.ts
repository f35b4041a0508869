// SemVer 2.0.0 precedence. Lenient the way advisory data needs: a leading "v", and missing
// minor/patch ("1.0" means 1.0.0, as OSV ranges write `introduced: "1.0"`). Build metadata is ignored.
import { compareDigits, compareParsed, compareStrings } from './compare-util';
import type { VersionScheme } from './scheme';

export interface SemverParts {
  /** Release numbers as digit strings, padded to at least three. */
  release: string[];
  /** Pre-release identifiers; empty for a release. */
  prerelease: string[];
}

const NUMERIC = /^[0-9]+$/;
const IDENT = /^[0-9A-Za-z-]+$/;

export interface SemverOptions {
  /** Most release numbers accepted (3 for SemVer, 4 for NuGet). */
  maxParts: number;
  /** Reject leading zeros in numbers, as strict SemVer and Go do. */
  strictZeros: boolean;
}

/** Parses MAJOR[.MINOR[.PATCH]][-PRE][+BUILD] with an optional leading v. */
export function parseSemverLike(v: string, opts: SemverOptions): SemverParts | undefined {
  let s = v.trim();
  if (s.startsWith('v') || s.startsWith('V')) s = s.slice(1);
  const plus = s.indexOf('+');
  if (plus !== -1) {
    const build = s.slice(plus + 1).split('.');
    if (!build.every((id) => IDENT.test(id))) return undefined;
    s = s.slice(0, plus);
  }
  const dash = s.indexOf('-');
  const core = dash === -1 ? s : s.slice(0, dash);
  const prerelease = dash === -1 ? [] : s.slice(dash + 1).split('.');
  const release = core.split('.');
  if (release.length > opts.maxParts) return undefined;
  for (const n of release) {
    if (!NUMERIC.test(n)) return undefined;
    if (opts.strictZeros && n.length > 1 && n.startsWith('0')) return undefined;
  }
  for (const id of prerelease) {
    if (!IDENT.test(id)) return undefined;
    if (opts.strictZeros && NUMERIC.test(id) && id.length > 1 && id.startsWith('0')) return undefined;
  }
  while (release.length < 3) release.push('0');
  return { release, prerelease };
}

/** Pre-release identifiers: numeric ones numerically and below alphanumeric ones; a longer list wins a tie. */
export function comparePrerelease(a: string[], b: string[], foldCase: boolean): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length; // a release outranks its pre-releases
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    const xn = NUMERIC.test(x);
    const yn = NUMERIC.test(y);
    let d: number;
    if (xn && yn) d = compareDigits(x, y);
    else if (xn) d = -1;
    else if (yn) d = 1;
    else d = foldCase ? compareStrings(x.toLowerCase(), y.toLowerCase()) : compareStrings(x, y);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export function compareSemverParts(x: SemverParts, y: SemverParts, foldCase = false): number {
  const n = Math.max(x.release.length, y.release.length);
  for (let i = 0; i < n; i++) {
    const d = compareDigits(x.release[i] ?? '0', y.release[i] ?? '0');
    if (d !== 0) return d;
  }
  return comparePrerelease(x.prerelease, y.prerelease, foldCase);
}

const OPTIONS: SemverOptions = { maxParts: 3, strictZeros: false };

export function parseSemver(v: string): SemverParts | undefined {
  return parseSemverLike(v, OPTIONS);
}

export const semver: VersionScheme = {
  name: 'semver',
  compare: (a, b) => compareParsed(a, b, parseSemver, (x, y) => compareSemverParts(x, y)),
  valid: (v) => parseSemver(v) !== undefined,
};
