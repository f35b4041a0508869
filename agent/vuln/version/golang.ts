// Go module versions: SemVer with a "v" (optional here, since OSV's Go ranges omit it), "+incompatible"
// as ignored build metadata, and pseudo-versions, which are ordinary pre-releases and sort as such.
// Go toolchain versions ("go1.21.3", "go1.21rc2") are accepted too, as binaries report them that way.
import { compareParsed } from './compare-util';
import type { VersionScheme } from './scheme';
import { compareSemverParts, parseSemverLike, type SemverParts } from './semver';

const TOOLCHAIN = /^go([0-9]+(?:\.[0-9]+){0,2})(?:(rc|beta)([0-9]+))?$/;

export function parseGo(v: string): SemverParts | undefined {
  const s = v.trim();
  const tc = TOOLCHAIN.exec(s);
  if (tc !== null) {
    // go1.21rc2 is the second release candidate of 1.21.0.
    const parts = parseSemverLike(tc[1] ?? '', { maxParts: 3, strictZeros: true });
    if (parts === undefined) return undefined;
    if (tc[2] !== undefined) parts.prerelease = [tc[2], tc[3] ?? '0'];
    return parts;
  }
  return parseSemverLike(s, { maxParts: 3, strictZeros: true });
}

export const golang: VersionScheme = {
  name: 'golang',
  compare: (a, b) => compareParsed(a, b, parseGo, (x, y) => compareSemverParts(x, y)),
  valid: (v) => parseGo(v) !== undefined,
};
