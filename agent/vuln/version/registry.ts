// Which comparator a package's versions use, by our ecosystem names and by OSV's ecosystem names.
import { apk } from './apk';
import { dpkg } from './dpkg';
import { golang } from './golang';
import { maven } from './maven';
import { nuget } from './nuget';
import { pep440 } from './pep440';
import { rpm } from './rpm';
import { rubygems } from './rubygems';
import type { VersionScheme } from './scheme';
import { semver } from './semver';

export const versionSchemes: Record<string, VersionScheme> = {
  dpkg,
  apk,
  rpm,
  semver,
  pep440,
  maven,
  golang,
  rubygems,
  nuget,
};

/**
 * Lower-cased ecosystem name (OSV's before any ':' release suffix) -> scheme.
 * Composer/Packagist versions are close enough to SemVer for advisory ranges; cargo is SemVer.
 */
const BY_ECOSYSTEM = new Map<string, VersionScheme>([
  // ours (package-url types)
  ['apk', apk],
  ['deb', dpkg],
  ['rpm', rpm],
  ['npm', semver],
  ['pypi', pep440],
  ['golang', golang],
  ['maven', maven],
  ['gem', rubygems],
  ['cargo', semver],
  ['composer', semver],
  ['nuget', nuget],
  // OSV
  ['alpine', apk],
  ['wolfi', apk],
  ['chainguard', apk],
  ['debian', dpkg],
  ['ubuntu', dpkg],
  ['go', golang],
  ['crates.io', semver],
  ['rubygems', rubygems],
  ['packagist', semver],
  ['red hat', rpm],
  ['rocky linux', rpm],
  ['almalinux', rpm],
  ['opensuse', rpm],
  ['suse', rpm],
  ['mageia', rpm],
]);

/** The scheme for an ecosystem such as "deb", "Debian:12" or "Alpine:v3.18"; undefined when unknown. */
export function schemeForEcosystem(ecosystem: string): VersionScheme | undefined {
  const colon = ecosystem.indexOf(':');
  const base = (colon === -1 ? ecosystem : ecosystem.slice(0, colon)).trim().toLowerCase();
  return BY_ECOSYSTEM.get(base);
}
