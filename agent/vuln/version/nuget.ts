// NuGet versions: SemVer 2 with up to four release numbers (1.0 == 1.0.0 == 1.0.0.0),
// case-insensitive pre-release labels, metadata ignored.
import { compareParsed } from './compare-util';
import type { VersionScheme } from './scheme';
import { compareSemverParts, parseSemverLike, type SemverParts } from './semver';

export function parseNuget(v: string): SemverParts | undefined {
  const parts = parseSemverLike(v, { maxParts: 4, strictZeros: false });
  // NuGet has no "v" prefix.
  if (parts === undefined || /^\s*[vV]/.test(v)) return undefined;
  return parts;
}

export const nuget: VersionScheme = {
  name: 'nuget',
  compare: (a, b) => compareParsed(a, b, parseNuget, (x, y) => compareSemverParts(x, y, true)),
  valid: (v) => parseNuget(v) !== undefined,
};
