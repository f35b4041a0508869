// purls for OS packages. An analyzer sees one file and does not know the distribution, so it builds the
// purl without a distro qualifier (deb under "debian", apk under "alpine", rpm without a vendor);
// once the scanner has resolved the OS (resolveOs) it calls withDistro to fill vendor and distro in.
import type { OsInfo, Package } from '../../../model/package';
import { buildPurl } from '../purl';

type OsEcosystem = 'apk' | 'deb' | 'rpm';

const DEFAULT_VENDOR: Record<OsEcosystem, string | undefined> = {
  apk: 'alpine',
  deb: 'debian',
  rpm: undefined,
};

// os-release IDs whose purl vendor name differs.
const VENDOR_BY_FAMILY: Record<string, string> = { rhel: 'redhat', ol: 'oracle', amzn: 'amazon' };

function distroQualifier(ecosystem: OsEcosystem, os: OsInfo): string | undefined {
  const release = os.release !== '' ? os.release : os.codename;
  if (!release) return undefined;
  // apk purls carry the bare Alpine version; the others "<id>-<release>".
  return ecosystem === 'apk' ? release : `${os.family}-${release}`;
}

export function osPackagePurl(
  ecosystem: OsEcosystem,
  name: string,
  version: string,
  arch: string | undefined,
  os?: OsInfo,
): string {
  const qualifiers: Record<string, string | undefined> = { arch };
  let purlVersion = version;
  if (ecosystem === 'rpm') {
    // The rpm purl type puts the epoch in a qualifier and version-release in the version.
    const match = /^(\d+):(.*)$/.exec(version);
    if (match) {
      qualifiers.epoch = match[1];
      purlVersion = match[2];
    }
  }
  let namespace = DEFAULT_VENDOR[ecosystem];
  if (os) {
    namespace = VENDOR_BY_FAMILY[os.family] ?? os.family;
    qualifiers.distro = distroQualifier(ecosystem, os);
  }
  return buildPurl({ type: ecosystem, namespace, name, version: purlVersion, qualifiers });
}

/** The same package with vendor and distro in its purl; packages of other ecosystems are returned as is. */
export function withDistro(pkg: Package, os: OsInfo): Package {
  if (pkg.ecosystem !== 'apk' && pkg.ecosystem !== 'deb' && pkg.ecosystem !== 'rpm') return pkg;
  return { ...pkg, purl: osPackagePurl(pkg.ecosystem, pkg.name, pkg.version, pkg.arch, os) };
}
