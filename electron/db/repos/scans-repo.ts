// Scans, their packages and their vulnerability findings in console.db.
import type { ImageInventory, InventoryLayer } from '../../../agent/scan/scan-image';
import type { VulnFinding } from '../../../agent/model/finding';
import type { Package } from '../../../agent/model/package';
import type { Db } from '../connection';

export type ScanKind = 'deployed' | 'ci' | 'host';

export interface FeedUse {
  name: string;
  importedAt: string;
}

export interface ScanRow {
  id: number;
  kind: ScanKind;
  image_id: string | null;
  ref: string;
  started_at: string;
  finished_at: string | null;
  status: 'running' | 'done' | 'failed';
  error: string | null;
  os_family: string | null;
  os_release: string | null;
  os_name: string | null;
  image_json: string | null;
  layers_json: string;
  /** Inventory warnings (and, for scans stored before migration 011, matching warnings too). */
  warnings_json: string;
  /** Warnings of the latest matching against the feeds; replaced on every re-match. */
  match_warnings_json: string | null;
  feeds_json: string;
  source_host: string | null;
  source_user: string | null;
  verdict: string | null;
}

export interface StoredCheck {
  checkId: number;
  title: string;
  severity: 'critical' | 'high' | 'medium' | 'low';
  status: 'pass' | 'fail' | 'not_applicable' | 'error';
  evidence: string[];
  reason?: string;
  custom?: boolean;
}

export interface StoredVuln {
  package_idx: number;
  vuln_id: string;
  aliases_json: string;
  severity: string;
  cvss_score: number | null;
  cvss_vector: string | null;
  fixed_in: string | null;
  status: string;
  published: string | null;
  description: string | null;
  feed: string;
  feed_imported_at: string | null;
  severity_source: string | null;
  links_json: string;
}

export class ScansRepo {
  constructor(private readonly db: Db) {}

  begin(
    kind: ScanKind,
    ref: string,
    meta: { imageId?: string; sourceHost?: string; sourceUser?: string } = {},
  ): number {
    const r = this.db
      .prepare(
        `INSERT INTO scans(kind, image_id, ref, started_at, status, source_host, source_user)
         VALUES (?, ?, ?, ?, 'running', ?, ?)`,
      )
      .run(
        kind,
        meta.imageId ?? null,
        ref,
        new Date().toISOString(),
        meta.sourceHost ?? null,
        meta.sourceUser ?? null,
      );
    return Number(r.lastInsertRowid);
  }

  fail(id: number, error: string): void {
    this.db
      .prepare(`UPDATE scans SET status = 'failed', error = ?, finished_at = ? WHERE id = ?`)
      .run(error, new Date().toISOString(), id);
  }

  /** Stores the inventory and findings of a finished scan in one transaction. */
  complete(
    id: number,
    inv: ImageInventory,
    findings: VulnFinding[],
    warnings: string[],
    feeds: FeedUse[],
  ): void {
    const index = new Map<Package, number>();
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE scans SET status = 'done', finished_at = ?, image_id = COALESCE(image_id, ?), os_family = ?, os_release = ?,
             os_name = ?, image_json = ?, layers_json = ?, warnings_json = ?, match_warnings_json = ?, feeds_json = ?
             WHERE id = ?`,
        )
        .run(
          new Date().toISOString(),
          inv.image.id || null,
          inv.os?.family ?? null,
          inv.os?.release ?? null,
          inv.os?.name ?? null,
          JSON.stringify(inv.image),
          JSON.stringify(inv.layers),
          JSON.stringify(inv.warnings),
          JSON.stringify(warnings),
          JSON.stringify(feeds),
          id,
        );
      const insertPkg = this.db.prepare(
        `INSERT INTO scan_packages(scan_id, idx, name, version, ecosystem, purl, source_name, source_version, licenses_json,
           arch, found_in, layer_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      inv.packages.forEach((p, i) => {
        index.set(p, i);
        insertPkg.run(
          id,
          i,
          p.name,
          p.version,
          p.ecosystem,
          p.purl,
          p.sourceName ?? null,
          p.sourceVersion ?? null,
          JSON.stringify(p.licenses),
          p.arch ?? null,
          p.foundIn,
          p.layer?.index ?? null,
        );
      });
      this.writeVulns(id, findings, (f) => index.get(f.package) ?? this.packageIndexOf(id, f.package));
    })();
  }

  /** Replaces a scan's findings (re-matching after a feed change, without re-reading the image). */
  /** A re-match: new findings, feeds and matching warnings (the old ones spoke of feeds since replaced). */
  replaceVulns(id: number, findings: VulnFinding[], feeds: FeedUse[], warnings: string[] = []): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM scan_vulns WHERE scan_id = ?').run(id);
      this.db
        .prepare('UPDATE scans SET feeds_json = ?, match_warnings_json = ? WHERE id = ?')
        .run(JSON.stringify(feeds), JSON.stringify(warnings), id);
      this.writeVulns(id, findings, (f) => this.packageIndexOf(id, f.package));
    })();
  }

  addCompliance(id: number, results: readonly StoredCheck[], verdict: string): void {
    this.db.transaction(() => {
      const insert = this.db.prepare(
        `INSERT OR REPLACE INTO scan_compliance(scan_id, check_id, title, severity, status, evidence_json, reason, custom)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const r of results) {
        insert.run(
          id,
          r.checkId,
          r.title,
          r.severity,
          r.status,
          JSON.stringify(r.evidence),
          r.reason ?? null,
          r.custom ? 1 : 0,
        );
      }
      this.db.prepare('UPDATE scans SET verdict = ? WHERE id = ?').run(verdict, id);
    })();
  }

  packageCount(id: number): number {
    return (
      this.db.prepare('SELECT COUNT(*) AS n FROM scan_packages WHERE scan_id = ?').get(id) as { n: number }
    ).n;
  }

  complianceFailedCount(id: number): number {
    return (
      this.db
        .prepare(
          "SELECT COUNT(*) AS n FROM scan_compliance WHERE scan_id = ? AND status IN ('fail', 'error')",
        )
        .get(id) as { n: number }
    ).n;
  }

  compliance(id: number): StoredCheck[] {
    const rows = this.db
      .prepare('SELECT * FROM scan_compliance WHERE scan_id = ? ORDER BY check_id')
      .all(id) as Array<{
      check_id: number;
      title: string;
      severity: StoredCheck['severity'];
      status: StoredCheck['status'];
      evidence_json: string;
      reason: string | null;
      custom: number;
    }>;
    return rows.map((r) => ({
      checkId: r.check_id,
      title: r.title,
      severity: r.severity,
      status: r.status,
      evidence: JSON.parse(r.evidence_json) as string[],
      reason: r.reason ?? undefined,
      custom: r.custom === 1,
    }));
  }

  get(id: number): ScanRow | undefined {
    return this.db.prepare('SELECT * FROM scans WHERE id = ?').get(id) as ScanRow | undefined;
  }

  list(kind: ScanKind | undefined, offset: number, limit: number): { rows: ScanRow[]; total: number } {
    const where = kind ? 'WHERE kind = ?' : '';
    const args = kind ? [kind] : [];
    const rows = this.db
      .prepare(`SELECT * FROM scans ${where} ORDER BY id DESC LIMIT ? OFFSET ?`)
      .all(...args, limit, offset) as ScanRow[];
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM scans ${where}`).get(...args) as { n: number })
      .n;
    return { rows, total };
  }

  /** The newest finished scan of each image (deployed images list). */
  latestPerImage(): ScanRow[] {
    return this.db
      .prepare(
        `SELECT s.* FROM scans s JOIN (SELECT image_id, MAX(id) AS id FROM scans WHERE kind = 'deployed' AND status = 'done'
           GROUP BY image_id) m ON m.id = s.id`,
      )
      .all() as ScanRow[];
  }

  latestForImage(imageId: string): ScanRow | undefined {
    return this.db
      .prepare(`SELECT * FROM scans WHERE image_id = ? AND kind = 'deployed' ORDER BY id DESC LIMIT 1`)
      .get(imageId) as ScanRow | undefined;
  }

  /** Severity counts of many scans in one query (sorting a list by risk). */
  severityCountsMany(ids: readonly number[]): Map<number, Record<string, number>> {
    const out = new Map<number, Record<string, number>>();
    const rows = this.db
      .prepare(
        `SELECT scan_id, severity, COUNT(*) AS n FROM scan_vulns
         WHERE scan_id IN (SELECT value FROM json_each(?)) GROUP BY scan_id, severity`,
      )
      .all(JSON.stringify(ids)) as Array<{ scan_id: number; severity: string; n: number }>;
    for (const r of rows) out.set(r.scan_id, { ...out.get(r.scan_id), [r.severity]: r.n });
    return out;
  }

  severityCounts(id: number): Record<string, number> {
    const rows = this.db
      .prepare('SELECT severity, COUNT(*) AS n FROM scan_vulns WHERE scan_id = ? GROUP BY severity')
      .all(id) as Array<{ severity: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.severity, r.n]));
  }

  /** Severity counts of findings whose package came from layer `fromLayer` or later, or from an unknown layer. */
  severityCountsFrom(id: number, fromLayer: number): Record<string, number> {
    const rows = this.db
      .prepare(
        `SELECT v.severity, COUNT(*) AS n FROM scan_vulns v
           JOIN scan_packages p ON p.scan_id = v.scan_id AND p.idx = v.package_idx
         WHERE v.scan_id = ? AND (p.layer_index IS NULL OR p.layer_index >= ?) GROUP BY v.severity`,
      )
      .all(id, fromLayer) as Array<{ severity: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.severity, r.n]));
  }

  packages(id: number): Package[] {
    const layers = JSON.parse(this.get(id)?.layers_json ?? '[]') as InventoryLayer[];
    const rows = this.db
      .prepare('SELECT * FROM scan_packages WHERE scan_id = ? ORDER BY idx')
      .all(id) as Array<{
      name: string;
      version: string;
      ecosystem: Package['ecosystem'];
      purl: string;
      source_name: string | null;
      source_version: string | null;
      licenses_json: string;
      arch: string | null;
      found_in: string;
      layer_index: number | null;
    }>;
    return rows.map((r) => {
      const layer = r.layer_index === null ? undefined : layers.find((l) => l.index === r.layer_index);
      return {
        name: r.name,
        version: r.version,
        ecosystem: r.ecosystem,
        purl: r.purl,
        sourceName: r.source_name ?? undefined,
        sourceVersion: r.source_version ?? undefined,
        licenses: JSON.parse(r.licenses_json) as string[],
        arch: r.arch ?? undefined,
        foundIn: r.found_in,
        layer: layer ? { index: layer.index, diffId: layer.diffId, createdBy: layer.createdBy } : undefined,
      };
    });
  }

  /** A scan's stored findings, joined back to their packages. */
  findings(id: number): VulnFinding[] {
    const packages = this.packages(id);
    return this.vulns(id).map((v) => ({
      id: v.vuln_id,
      aliases: JSON.parse(v.aliases_json) as string[],
      severity: v.severity as VulnFinding['severity'],
      severitySource: v.severity_source ?? undefined,
      cvssScore: v.cvss_score ?? undefined,
      cvssVector: v.cvss_vector ?? undefined,
      fixedIn: v.fixed_in ?? undefined,
      status: v.status as VulnFinding['status'],
      description: v.description ?? undefined,
      published: v.published ?? undefined,
      links: JSON.parse(v.links_json) as string[],
      feed: v.feed,
      feedImportedAt: v.feed_imported_at ?? undefined,
      package: packages[v.package_idx],
    }));
  }

  vulns(id: number): StoredVuln[] {
    return this.db
      .prepare('SELECT * FROM scan_vulns WHERE scan_id = ? ORDER BY package_idx, vuln_id')
      .all(id) as StoredVuln[];
  }

  private packageIndexOf(scanId: number, p: Package): number {
    const row = this.db
      .prepare('SELECT idx FROM scan_packages WHERE scan_id = ? AND purl = ? AND found_in = ? LIMIT 1')
      .get(scanId, p.purl, p.foundIn) as { idx: number } | undefined;
    if (!row)
      throw new Error(`finding for ${p.purl} in scan ${scanId} names a package the scan does not hold`);
    return row.idx;
  }

  private writeVulns(id: number, findings: VulnFinding[], indexOf: (f: VulnFinding) => number): void {
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO scan_vulns(scan_id, package_idx, vuln_id, aliases_json, severity, cvss_score, cvss_vector, fixed_in,
         status, published, description, feed, feed_imported_at, severity_source, links_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const f of findings) {
      insert.run(
        id,
        indexOf(f),
        f.id,
        JSON.stringify(f.aliases),
        f.severity,
        f.cvssScore ?? null,
        f.cvssVector ?? null,
        f.fixedIn ?? null,
        f.status,
        f.published ?? null,
        f.description ?? null,
        f.feed,
        f.feedImportedAt ?? null,
        f.severitySource ?? null,
        JSON.stringify(f.links ?? []),
      );
    }
  }
}

/** Every warning of a stored scan: its inventory's and its latest matching's. */
export function scanWarnings(row: Pick<ScanRow, 'warnings_json' | 'match_warnings_json'>): string[] {
  return [
    ...(JSON.parse(row.warnings_json) as string[]),
    ...(JSON.parse(row.match_warnings_json ?? '[]') as string[]),
  ];
}
