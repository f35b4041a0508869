// Records every importer produces and the sink that stores them; importers never touch SQLite themselves.
import type { Severity } from '../../model/finding';

export type OsvRangeType = 'ECOSYSTEM' | 'SEMVER' | 'GIT';

/** One OSV event; exactly one of the fields is set. */
export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: OsvRangeType;
  repo?: string;
  events: OsvEvent[];
}

/** Per package line: fixed = a fix exists, open = affected with no fix, wontfix = will not be fixed. */
export type AffectedStatus = 'fixed' | 'open' | 'wontfix' | 'unknown';

export interface AffectedEntry {
  /** Ecosystem exactly as the feed names it ("Alpine:v3.16", "npm", "alpine-secdb v3.11", "debian bookworm"). */
  ecosystem: string;
  /** Normalised lookup key: "npm", "pypi", "apk:alpine:3.11", "deb:debian:12" (see ecosystem.ts). */
  ecoKey: string;
  distro?: string;
  release?: string;
  /** Normalised package name (source package for distros). */
  packageName: string;
  /** OSV-shaped ranges; secdb and Debian fixes are written as introduced 0 / fixed X. */
  ranges: OsvRange[];
  /** Custom feed only: a range expression such as ">=1.0 <1.2". */
  rangeExpr?: string;
  fixedVersion?: string;
  /** Explicitly listed affected versions (OSV `versions`). */
  versions: string[];
  status: AffectedStatus;
  /** Severity given for this package line (Debian urgency), preferred over the record's. */
  severity?: Severity;
}

export interface VulnRecord {
  id: string;
  aliases: string[];
  summary?: string;
  description?: string;
  published?: string;
  modified?: string;
  /** The feed's own rating (GitHub severity, custom severity). */
  severity?: Severity;
  cvssScore?: number;
  cvssVector?: string;
  cvssVersion?: string;
  affected: AffectedEntry[];
}

/** NVD data kept apart and joined at match time, so import order does not matter. */
export interface CveEnrichment {
  id: string;
  description?: string;
  published?: string;
  modified?: string;
  cvssScore?: number;
  cvssVector?: string;
  cvssVersion?: string;
  severity?: Severity;
}

export interface FeedSink {
  vulnerability(record: VulnRecord): void;
  enrichment(record: CveEnrichment): void;
  /** A record that could not be used: where names the file and record, reason says what is wrong. */
  invalid(where: string, reason: string): void;
  /** Bytes of the input consumed so far, for progress reporting. */
  progress(bytesRead: number): void;
}

export interface FeedImporter {
  /** Feed name stored with every record: "osv", "alpine-secdb", "debian-tracker", "nvd", "custom". */
  name: string;
  /** Claims a file from its name and first bytes (up to 64 KiB). */
  detect(name: string, firstBytes: Buffer): boolean;
  /** Streams one file into the sink; throws an error naming the file when the file as a whole is unusable. */
  run(path: string, sink: FeedSink): Promise<void>;
}

// Limits that keep a hostile feed from exhausting memory or bloating intel.db.
export const MAX_TEXT = 64 * 1024;
export const MAX_ID = 256;
export const MAX_NAME = 512;
export const MAX_VERSION = 256;
