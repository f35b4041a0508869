// Several files can name the OS; pick one answer. os-release decides the family (Ubuntu also has
// debian_version, Oracle Linux a redhat-release that says RHEL); the distribution's own release file
// refines the version where it is more precise.
import type { OsInfo } from '../../../model/package';
import { REDHAT_RELEASE_PATHS } from './redhat-release';

export interface OsCandidate {
  path: string;
  os: OsInfo;
}

type Source =
  'etc-os-release' | 'usr-os-release' | 'alpine-release' | 'redhat-release' | 'debian-version' | 'other';

function sourceOf(path: string): Source {
  if (path === '/etc/os-release') return 'etc-os-release';
  if (path === '/usr/lib/os-release') return 'usr-os-release';
  if (path === '/etc/alpine-release') return 'alpine-release';
  if (path === '/etc/debian_version') return 'debian-version';
  if (REDHAT_RELEASE_PATHS.has(path)) return 'redhat-release';
  return 'other';
}

// Which source names the family, best first.
const FAMILY_ORDER: readonly Source[] = [
  'etc-os-release',
  'usr-os-release',
  'redhat-release',
  'alpine-release',
  'debian-version',
  'other',
];

/** "7.9.2009" refines "7"; "8.9" refines "8.9"; "9.3" does not refine "8". */
function refines(precise: string, coarse: string): boolean {
  return coarse === '' || precise === coarse || precise.startsWith(coarse + '.');
}

export function resolveOs(candidates: ReadonlyArray<OsCandidate>): OsInfo | undefined {
  if (candidates.length === 0) return undefined;
  const ranked = [...candidates].sort(
    (a, b) => FAMILY_ORDER.indexOf(sourceOf(a.path)) - FAMILY_ORDER.indexOf(sourceOf(b.path)),
  );
  const base = ranked[0];
  const family = base.os.family;
  const same = ranked.filter((c) => c.os.family === family);
  const result: OsInfo = { ...base.os };

  for (const c of same) {
    const source = sourceOf(c.path);
    if (source === 'alpine-release') {
      // Authoritative: it is what apk and the secdb branch go by.
      result.release = c.os.release;
    } else if (source === 'redhat-release' && refines(c.os.release, result.release)) {
      result.release = c.os.release;
    } else if (result.release === '' && c.os.release !== '') {
      // debian_version on testing/sid, or a second os-release when the first lacked VERSION_ID.
      result.release = c.os.release;
    }
    if (!result.codename && c.os.codename) result.codename = c.os.codename;
    if (!result.name && c.os.name) result.name = c.os.name;
  }
  return result;
}
