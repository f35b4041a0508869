// intel.db access for matching: read-only lookups by (ecosystem key, package). Building the file is
// importFeeds' job (feeds/import.ts), re-exported here so callers have one module to use.
import Database from 'better-sqlite3';
import type { Severity } from '../model/finding';
import type { AffectedStatus, CveEnrichment, OsvRange } from './feeds/types';
import { INTEL_SCHEMA_VERSION } from './intel-schema';
import { isSeverity } from './severity';

export {
  importFeeds,
  type FeedInput,
  type ImportOptions,
  type ImportProgress,
  type ImportSummary,
} from './feeds/import';

export interface FeedRow {
  name: string;
  source: string;
  importedAt: string;
  recordCount: number;
  invalidCount: number;
  newestModified?: string;
}

/** One affected package line joined with its vulnerability and feed. */
export interface AffectedHit {
  vulnId: string;
  aliases: string[];
  feed: string;
  feedImportedAt: string;
  ecosystem: string;
  package: string;
  ranges: OsvRange[];
  rangeExpr?: string;
  fixedVersion?: string;
  versions: string[];
  status: AffectedStatus;
  /** Severity given for this package line (Debian urgency). */
  lineSeverity?: Severity;
  /** The record's own rating (GitHub, custom). */
  recordSeverity?: Severity;
  summary?: string;
  description?: string;
  published?: string;
  cvssScore?: number;
  cvssVector?: string;
  cvssVersion?: string;
}

interface HitRow {
  vuln_id: string;
  aliases: string;
  feed: string;
  imported_at: string;
  ecosystem: string;
  package: string;
  ranges: string;
  range_expr: string | null;
  fixed_version: string | null;
  versions: string;
  status: string;
  line_severity: string | null;
  record_severity: string | null;
  summary: string | null;
  description: string | null;
  published: string | null;
  cvss_score: number | null;
  cvss_vector: string | null;
  cvss_version: string | null;
}

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

export class IntelDb {
  private readonly hits: Database.Statement<[string, string], HitRow>;
  private readonly anyKey: Database.Statement<[string], { one: number }>;
  private readonly nvd: Database.Statement<[string], Record<string, string | number | null>>;

  constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {
    this.hits = db.prepare(
      `SELECT a.vuln_id, v.aliases, f.name AS feed, f.imported_at, a.ecosystem, a.package, a.ranges, a.range_expr,
         a.fixed_version, a.versions, a.status, a.severity AS line_severity, v.severity AS record_severity, v.summary,
         v.description, v.published, v.cvss_score, v.cvss_vector, v.cvss_version
       FROM affected a
       JOIN vulnerabilities v ON v.feed_id = a.feed_id AND v.id = a.vuln_id
       JOIN feeds f ON f.id = a.feed_id
       WHERE a.eco_key = ? AND a.package = ?`,
    );
    this.anyKey = db.prepare('SELECT 1 AS one FROM affected WHERE eco_key = ? LIMIT 1');
    this.nvd = db.prepare('SELECT * FROM nvd WHERE id = ?');
  }

  affected(ecoKey: string, pkg: string): AffectedHit[] {
    return this.hits.all(ecoKey, pkg).map((r, i) => {
      const where = `${this.path}: affected ${r.vuln_id} ${r.package} #${i}`;
      return {
        vulnId: r.vuln_id,
        aliases: parseList<string>(r.aliases, where),
        feed: r.feed,
        feedImportedAt: r.imported_at,
        ecosystem: r.ecosystem,
        package: r.package,
        ranges: parseList<OsvRange>(r.ranges, where),
        rangeExpr: opt(r.range_expr),
        fixedVersion: opt(r.fixed_version),
        versions: parseList<string>(r.versions, where),
        status: r.status as AffectedStatus,
        lineSeverity: isSeverity(r.line_severity) ? r.line_severity : undefined,
        recordSeverity: isSeverity(r.record_severity) ? r.record_severity : undefined,
        summary: opt(r.summary),
        description: opt(r.description),
        published: opt(r.published),
        cvssScore: opt(r.cvss_score),
        cvssVector: opt(r.cvss_vector),
        cvssVersion: opt(r.cvss_version),
      };
    });
  }

  /** Whether any feed covers this ecosystem key (so "no findings" can be told from "no data"). */
  covers(ecoKey: string): boolean {
    return this.anyKey.get(ecoKey) !== undefined;
  }

  enrichment(cveId: string): CveEnrichment | undefined {
    const r = this.nvd.get(cveId);
    if (!r) return undefined;
    const s = (k: string): string | undefined => (typeof r[k] === 'string' ? (r[k] as string) : undefined);
    return {
      id: cveId,
      description: s('description'),
      published: s('published'),
      modified: s('modified'),
      cvssScore: typeof r.cvss_score === 'number' ? r.cvss_score : undefined,
      cvssVector: s('cvss_vector'),
      cvssVersion: s('cvss_version'),
      severity: isSeverity(r.severity) ? r.severity : undefined,
    };
  }

  feeds(): FeedRow[] {
    const rows = this.db
      .prepare(
        'SELECT name, source, imported_at, record_count, invalid_count, newest_modified FROM feeds ORDER BY id',
      )
      .all() as Array<{
      name: string;
      source: string;
      imported_at: string;
      record_count: number;
      invalid_count: number;
      newest_modified: string | null;
    }>;
    return rows.map((r) => ({
      name: r.name,
      source: r.source,
      importedAt: r.imported_at,
      recordCount: r.record_count,
      invalidCount: r.invalid_count,
      newestModified: opt(r.newest_modified),
    }));
  }

  close(): void {
    this.db.close();
  }
}

function parseList<T>(text: string, where: string): T[] {
  const v = JSON.parse(text) as unknown;
  if (!Array.isArray(v)) throw new Error(`${where}: stored JSON is not a list`);
  return v as T[];
}

/** Opens intel.db read-only; throws naming the file when it is missing or not an intel.db of this version. */
export function openIntelDb(path: string): IntelDb {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new Error(`${path}: cannot open intel.db (${(err as Error).message})`);
  }
  try {
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version !== INTEL_SCHEMA_VERSION) {
      throw new Error(
        `${path}: intel.db schema version ${version}, expected ${INTEL_SCHEMA_VERSION} (re-import the feeds)`,
      );
    }
    return new IntelDb(db, path);
  } catch (err) {
    db.close();
    const msg = (err as Error).message;
    throw new Error(msg.startsWith(path) ? msg : `${path}: not an intel.db (${msg})`);
  }
}
