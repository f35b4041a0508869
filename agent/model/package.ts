// Domain types for what the scanner finds in an image or a root filesystem.

/** Package URL types (https://github.com/package-url/purl-spec) double as our ecosystem names. */
export type Ecosystem =
  | 'apk'
  | 'deb'
  | 'rpm'
  | 'npm'
  | 'pypi'
  | 'golang'
  | 'maven'
  | 'gem'
  | 'cargo'
  | 'composer'
  | 'nuget'
  | 'generic';

/** The layer that last wrote the file a package was found in. */
export interface LayerRef {
  index: number;
  diffId: string;
  createdBy: string;
}

export interface Package {
  name: string;
  version: string;
  ecosystem: Ecosystem;
  purl: string;
  /** Source package (dpkg Source:, apk origin, rpm SRPM) where the ecosystem has one. */
  sourceName?: string;
  sourceVersion?: string;
  licenses: string[];
  arch?: string;
  /** Path of the file the package was read from, absolute inside the image ("/var/lib/dpkg/status"). */
  foundIn: string;
  /** Set by apply-layers; analyzers leave it out. */
  layer?: LayerRef;
}

export interface OsInfo {
  /** os-release ID: debian, ubuntu, alpine, rhel, centos, rocky, almalinux, amzn, fedora, opensuse-leap … */
  family: string;
  /** VERSION_ID or the release file's version: "12", "3.10.4". */
  release: string;
  /** Human name when known: "Debian GNU/Linux 12 (bookworm)". */
  name?: string;
  codename?: string;
}
