// Writes importer output into an intel.db being built. One sink per (input, importer) feed row.
import type Database from 'better-sqlite3';
import type { CveEnrichment, FeedSink, VulnRecord } from './types';

const MAX_PROBLEMS = 100;

export interface FeedResult {
  name: string;
  source: string;
  records: number;
  invalid: number;
  /** The first problems, each naming the file and record; `invalid` has the full count. */
  problems: string[];
  newestModified?: string;
}

export class IntelWriter {
  private readonly insertFeed: Database.Statement;
  private readonly deleteFeed: Database.Statement;
  private readonly insertVuln: Database.Statement;
  private readonly insertAffected: Database.Statement;
  private readonly upsertNvd: Database.Statement;
  private readonly finishFeed: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly importedAt: string,
  ) {
    this.insertFeed = db.prepare('INSERT INTO feeds (name, source, imported_at) VALUES (?, ?, ?)');
    this.deleteFeed = db.prepare('DELETE FROM feeds WHERE source = ? AND name = ?');
    this.insertVuln = db.prepare(
      `INSERT OR IGNORE INTO vulnerabilities (feed_id, id, aliases, summary, description, published, modified,
         severity, cvss_score, cvss_vector, cvss_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertAffected = db.prepare(
      `INSERT INTO affected (feed_id, vuln_id, ecosystem, eco_key, distro, release, package, ranges, range_expr,
         fixed_version, versions, status, severity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.upsertNvd = db.prepare(
      `INSERT OR REPLACE INTO nvd (id, feed_id, description, published, modified, cvss_score, cvss_vector,
         cvss_version, severity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.finishFeed = db.prepare(
      'UPDATE feeds SET record_count = ?, invalid_count = ?, newest_modified = ? WHERE id = ?',
    );
  }

  /** Starts a feed row, replacing what an earlier import of the same source stored. */
  openFeed(
    name: string,
    source: string,
    onProgress: (bytes: number, result: FeedResult) => void,
  ): FeedSink & { close(): FeedResult } {
    this.deleteFeed.run(source, name);
    const feedId = Number(this.insertFeed.run(name, source, this.importedAt).lastInsertRowid);
    const result: FeedResult = { name, source, records: 0, invalid: 0, problems: [] };
    const seeModified = (m: string | undefined): void => {
      if (m && (!result.newestModified || m > result.newestModified)) result.newestModified = m;
    };
    return {
      vulnerability: (r: VulnRecord): void => {
        this.insertVuln.run(
          feedId,
          r.id,
          JSON.stringify(r.aliases),
          r.summary ?? null,
          r.description ?? null,
          r.published ?? null,
          r.modified ?? null,
          r.severity ?? null,
          r.cvssScore ?? null,
          r.cvssVector ?? null,
          r.cvssVersion ?? null,
        );
        for (const a of r.affected) {
          this.insertAffected.run(
            feedId,
            r.id,
            a.ecosystem,
            a.ecoKey,
            a.distro ?? null,
            a.release ?? null,
            a.packageName,
            JSON.stringify(a.ranges),
            a.rangeExpr ?? null,
            a.fixedVersion ?? null,
            JSON.stringify(a.versions),
            a.status,
            a.severity ?? null,
          );
        }
        result.records++;
        seeModified(r.modified);
      },
      enrichment: (e: CveEnrichment): void => {
        this.upsertNvd.run(
          e.id,
          feedId,
          e.description ?? null,
          e.published ?? null,
          e.modified ?? null,
          e.cvssScore ?? null,
          e.cvssVector ?? null,
          e.cvssVersion ?? null,
          e.severity ?? null,
        );
        result.records++;
        seeModified(e.modified);
      },
      invalid: (where: string, reason: string): void => {
        result.invalid++;
        if (result.problems.length < MAX_PROBLEMS) result.problems.push(`${where}: ${reason}`);
      },
      progress: (bytes: number): void => onProgress(bytes, result),
      close: (): FeedResult => {
        this.finishFeed.run(result.records, result.invalid, result.newestModified ?? null, feedId);
        return result;
      },
    };
  }
}
