// One comparator per versioning scheme; the matcher picks the scheme from the package's ecosystem.

export interface VersionScheme {
  /** 'dpkg' | 'apk' | 'rpm' | 'semver' | 'pep440' | 'maven' | 'golang' | 'rubygems' | 'nuget' */
  name: string;
  /** Negative when a < b, 0 when equal (equivalent spellings are equal), positive when a > b. */
  compare(a: string, b: string): number;
  /** False for a string that is not a version in this scheme (the matcher then reports it, never guesses). */
  valid(v: string): boolean;
}
