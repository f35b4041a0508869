// Proof: moat-test/debian-vuln matched with only the Debian tracker feed reports, per binary package, exactly
// the CVEs fixtures/debian/versions.json lists as missing for the version actually installed. Expectations are
// derived from versions.json with the host's `dpkg --compare-versions`, never with Moat's own comparator.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Package } from '../../agent/model/package';
import { analyzers } from '../../agent/scan/inventory/registry';
import { openImageSource } from '../../agent/scan/open-source';
import { scanImage, type ImageInventory } from '../../agent/scan/scan-image';
import { importFeeds, openIntelDb } from '../../agent/vuln/intel-db';
import { matchPackages, type MatchResult } from '../../agent/vuln/matcher';
import { testImages } from '../setup/images-env';
import { testdata } from '../setup/testdata';

interface InstallableVersion {
  version: string;
  source_version: string;
  missing_cves: string[];
}
interface VersionsJson {
  packages: Record<string, { source: string; installable_versions: InstallableVersion[] }>;
  rootfs: {
    finding_count: number;
    packages_with_findings: number;
    distinct_cves: number;
    expected: Record<string, { version: string; cves: string[] }>;
  };
}

function dpkgGt(a: string, b: string): boolean {
  const r = spawnSync('dpkg', ['--compare-versions', a, 'gt', b]);
  if (r.error)
    throw new Error(`dpkg --compare-versions is needed to derive expectations: ${r.error.message}`);
  return r.status === 0;
}

const versions = JSON.parse(
  fs.readFileSync(testdata('fixtures/debian/versions.json'), 'utf8'),
) as VersionsJson;
const feed = JSON.parse(fs.readFileSync(testdata('feeds/debian-tracker/bookworm.json'), 'utf8')) as Record<
  string,
  unknown
>;

/** Missing CVEs per (source, source version), from every binary package's table. */
const bySourceVersion = new Map<string, string[]>();
for (const p of Object.values(versions.packages)) {
  for (const v of p.installable_versions)
    bySourceVersion.set(`${p.source} ${v.source_version}`, v.missing_cves);
}

/** What the feed says this installed package lacks; throws when versions.json cannot tell. */
function expectedCves(pkg: Package): string[] {
  const source = pkg.sourceName ?? pkg.name;
  const sourceVersion = pkg.sourceVersion ?? pkg.version;
  if (!(source in feed)) return [];
  const listed = versions.packages[pkg.name];
  const exact = listed?.installable_versions.find((v) => v.version === pkg.version);
  if (exact) return exact.missing_cves;
  const same = bySourceVersion.get(`${source} ${sourceVersion}`);
  if (same) return same;
  // A version newer than every listed one of its source lacks no CVE of this feed.
  const known = Object.values(versions.packages)
    .filter((p) => p.source === source)
    .flatMap((p) => p.installable_versions.map((v) => v.source_version));
  if (known.length > 0 && known.every((v) => dpkgGt(sourceVersion, v))) return [];
  throw new Error(`${pkg.name} ${pkg.version} (source ${source} ${sourceVersion}) is not in versions.json`);
}

const pairs = (items: Iterable<[string, string]>): string[] =>
  [...new Set([...items].map(([p, c]) => `${p} ${c}`))].sort();

let inventory: ImageInventory;
let result: MatchResult;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-matcher-debian-'));
  const dbPath = path.join(dir, 'intel.db');
  await importFeeds(dbPath, [{ path: testdata('feeds/debian-tracker/bookworm.json') }], { mode: 'rebuild' });
  const { source } = await openImageSource(testImages().debianVuln.archive);
  inventory = await scanImage(source, { analyzers });
  const db = openIntelDb(dbPath);
  try {
    result = matchPackages(db, inventory.os ?? undefined, inventory.packages);
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('moat-test/debian-vuln against only feeds/debian-tracker/bookworm.json', () => {
  it('reports exactly the (package, CVE) pairs versions.json gives for the installed versions', () => {
    const debs = inventory.packages.filter((p) => p.ecosystem === 'deb');
    expect(debs.length).toBeGreaterThan(100);
    const expected = pairs(debs.flatMap((p) => expectedCves(p).map((c): [string, string] => [p.name, c])));
    const got = pairs(result.findings.map((f): [string, string] => [f.package.name, f.id]));
    expect(expected.length).toBeGreaterThan(0);
    expect(got).toEqual(expected);
    // Every finding is a plain tracker CVE on a deb package, with the fix version the feed gives.
    for (const f of result.findings) {
      expect(f.feed).toBe('debian-tracker');
      expect(f.package.ecosystem).toBe('deb');
      expect(f.fixedIn).toBeDefined();
      expect(dpkgGt(f.fixedIn ?? '', f.package.sourceVersion ?? f.package.version)).toBe(true);
    }
    expect(result.warnings.filter((w) => !w.startsWith('generic packages'))).toEqual([]);
  });

  it('matches the pinned rootfs.expected list for every package installed at its pinned version', () => {
    const installed = new Map(
      inventory.packages.filter((p) => p.ecosystem === 'deb').map((p) => [p.name, p]),
    );
    const exp = versions.rootfs.expected;
    const atPin = Object.keys(exp).filter((name) => installed.get(name)?.version === exp[name].version);
    expect(atPin.length).toBeGreaterThan(0);
    for (const name of atPin) {
      const got = result.findings.filter((f) => f.package.name === name).map((f) => f.id);
      expect([name, ...got.sort()]).toEqual([name, ...[...exp[name].cves].sort()]);
    }
    if (atPin.length === Object.keys(exp).length) {
      // The image is the one the fixture describes: the totals must agree too.
      expect(result.findings).toHaveLength(versions.rootfs.finding_count);
      expect(new Set(result.findings.map((f) => f.package.name)).size).toBe(
        versions.rootfs.packages_with_findings,
      );
      expect(new Set(result.findings.map((f) => f.id)).size).toBe(versions.rootfs.distinct_cves);
    }
  });
});
