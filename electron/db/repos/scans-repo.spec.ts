import { describe, expect, it } from 'vitest';
import { openConsoleDb } from '../connection';
import { scanWarnings, ScansRepo } from './scans-repo';

function seeded(): { repo: ScansRepo; a: number; b: number; db: ReturnType<typeof openConsoleDb> } {
  const db = openConsoleDb(':memory:');
  const repo = new ScansRepo(db);
  const a = repo.begin('deployed', 'a:1', { imageId: 'sha256:a' });
  const b = repo.begin('deployed', 'b:1', { imageId: 'sha256:b' });
  const pkg = db.prepare(
    `INSERT INTO scan_packages(scan_id, idx, name, version, ecosystem, purl, found_in) VALUES (?, ?, 'p', '1', 'npm', 'pkg:npm/p@1', '/')`,
  );
  const vuln = db.prepare(
    `INSERT INTO scan_vulns(scan_id, package_idx, vuln_id, severity, status, feed) VALUES (?, 0, ?, ?, 'open', 'osv')`,
  );
  pkg.run(a, 0);
  pkg.run(a, 1);
  pkg.run(b, 0);
  vuln.run(a, 'CVE-1', 'critical');
  vuln.run(a, 'CVE-2', 'critical');
  vuln.run(a, 'CVE-3', 'low');
  vuln.run(b, 'CVE-4', 'high');
  const check = db.prepare(
    `INSERT INTO scan_compliance(scan_id, check_id, title, severity, status) VALUES (?, ?, 't', 'high', ?)`,
  );
  check.run(a, 424, 'fail');
  check.run(a, 425, 'error');
  check.run(a, 41, 'pass');
  return { repo, a, b, db };
}

describe('ScansRepo list helpers', () => {
  it('counts severities of many scans in one query, and packages and failed checks of one', () => {
    const { repo, a, b } = seeded();
    const counts = repo.severityCountsMany([a, b, 999]);
    expect(counts.get(a)).toEqual({ critical: 2, low: 1 });
    expect(counts.get(b)).toEqual({ high: 1 });
    expect(counts.has(999)).toBe(false);
    expect(repo.severityCountsMany([]).size).toBe(0);
    expect(repo.packageCount(a)).toBe(2);
    expect(repo.complianceFailedCount(a)).toBe(2);
    expect(repo.complianceFailedCount(b)).toBe(0);
  });

  it("finds an image's newest scan through the image index, not by walking every scan of the kind", () => {
    const { repo, db } = seeded();
    const newer = repo.begin('deployed', 'a:1', { imageId: 'sha256:a' });
    expect(repo.latestForImage('sha256:a')?.id).toBe(newer);
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT * FROM scans WHERE image_id = ? AND kind = 'deployed' ORDER BY id DESC LIMIT 1",
      )
      .all('x') as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/scans_image_kind/);
  });
});

describe('ScansRepo warnings', () => {
  it('a re-match replaces the matching warnings and keeps the inventory ones', () => {
    const { repo, db, a } = seeded();
    db.prepare('UPDATE scans SET warnings_json = ?, match_warnings_json = ? WHERE id = ?').run(
      JSON.stringify(['/app/x.jar: unreadable manifest']),
      JSON.stringify(['no vulnerability data in intel.db for deb:debian:12; its packages were not checked']),
      a,
    );
    repo.replaceVulns(
      a,
      [],
      [{ name: 'debian-tracker', importedAt: '2026-11-23T00:00:00Z' }],
      ['generic packages have no vulnerability feed'],
    );
    expect(scanWarnings(repo.get(a)!)).toEqual([
      '/app/x.jar: unreadable manifest',
      'generic packages have no vulnerability feed',
    ]);
  });

  it('reads scans stored before the split (no matching warnings column value) as they were', () => {
    const { repo, db, b } = seeded();
    db.prepare('UPDATE scans SET warnings_json = ? WHERE id = ?').run(JSON.stringify(['both kinds']), b);
    expect(scanWarnings(repo.get(b)!)).toEqual(['both kinds']);
  });
});
