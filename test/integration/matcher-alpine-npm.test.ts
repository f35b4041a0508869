// Proof on real images: moat-test/alpine-apk (Alpine 3.10 installed db) against the Alpine secdb, and
// moat-test/nodeapp:v1 (minimist 0.0.8) against the OSV npm records. Expectations come from the feed
// files themselves (secdb versions compared with the host's dpkg, which orders these simple shapes as apk
// does) and, for npm, are written by hand from the two records.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Package } from '../../agent/model/package';
import { analyzers } from '../../agent/scan/inventory/registry';
import { openImageSource } from '../../agent/scan/open-source';
import { scanImage, type ImageInventory } from '../../agent/scan/scan-image';
import { importFeeds, openIntelDb, type FeedInput } from '../../agent/vuln/intel-db';
import { matchPackages, type MatchResult } from '../../agent/vuln/matcher';
import { testImages } from '../setup/images-env';
import { testdata } from '../setup/testdata';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-matcher-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function scanAndMatch(
  archive: string,
  inputs: FeedInput[],
): Promise<{ inv: ImageInventory; r: MatchResult }> {
  const dbPath = path.join(work, `intel-${Math.random().toString(16).slice(2)}.db`);
  await importFeeds(dbPath, inputs, { mode: 'rebuild' });
  const { source } = await openImageSource(archive);
  const inv = await scanImage(source, { analyzers });
  const db = openIntelDb(dbPath);
  try {
    return { inv, r: matchPackages(db, inv.os ?? undefined, inv.packages) };
  } finally {
    db.close();
  }
}

interface Secdb {
  distroversion: string;
  packages: Array<{ pkg: { name: string; secfixes: Record<string, string[] | null> } }> | null;
}

// Shapes on which dpkg and apk order versions alike: digits and dots, an optional letter, -rN.
const SIMPLE = /^\d+(\.\d+)*[a-z]?-r\d+$/;

function apkGt(a: string, b: string): boolean {
  if (!SIMPLE.test(a) || !SIMPLE.test(b))
    throw new Error(`cannot derive an expectation for "${a}" vs "${b}"`);
  return spawnSync('dpkg', ['--compare-versions', a, 'gt', b]).status === 0;
}

/** What the secdb documents say an installed apk package lacks: ids fixed in a version above it. */
function secdbExpected(docs: Secdb[], packages: Package[]): string[] {
  const out = new Set<string>();
  for (const p of packages.filter((x) => x.ecosystem === 'apk')) {
    for (const doc of docs) {
      for (const { pkg } of doc.packages ?? []) {
        if (pkg.name !== (p.sourceName ?? p.name)) continue;
        for (const [fixed, ids] of Object.entries(pkg.secfixes)) {
          if (fixed === '0' || !apkGt(fixed, p.version)) continue;
          for (const id of ids ?? []) out.add(`${p.name} ${id}`);
        }
      }
    }
  }
  return [...out].sort();
}

const readSecdb = (branch: string, repo: string): Secdb =>
  JSON.parse(fs.readFileSync(testdata(`feeds/alpine-secdb/${branch}/${repo}.json`), 'utf8')) as Secdb;
const got = (r: MatchResult): string[] => r.findings.map((f) => `${f.package.name} ${f.id}`).sort();

describe('moat-test/alpine-apk (Alpine 3.10) against feeds/alpine-secdb', () => {
  it('reports exactly what the v3.10 secdb says for the installed versions: nothing', async () => {
    const { inv, r } = await scanAndMatch(testImages().alpineApk.archive, [
      { path: testdata('feeds/alpine-secdb') },
    ]);
    expect(inv.os?.release).toBe('3.10.4');
    const apks = inv.packages.filter((p) => p.ecosystem === 'apk');
    expect(apks).toHaveLength(14);
    const expected = secdbExpected([readSecdb('v3.10', 'main'), readSecdb('v3.10', 'community')], apks);
    expect(got(r)).toEqual(expected);
    expect(expected).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it("reports exactly what v3.11 says when that branch is offered as the image's (the derivation is not vacuous)", async () => {
    // The v3.11 documents relabelled as v3.10: same installed packages, newer fixes.
    const dir = path.join(work, 'relabelled');
    fs.mkdirSync(dir, { recursive: true });
    const docs = ['main', 'community'].map((repo) => {
      const doc = { ...readSecdb('v3.11', repo), distroversion: 'v3.10' };
      fs.writeFileSync(path.join(dir, `${repo}.json`), JSON.stringify(doc));
      return doc;
    });
    const { inv, r } = await scanAndMatch(testImages().alpineApk.archive, [{ path: dir }]);
    const expected = secdbExpected(docs, inv.packages);
    expect(got(r)).toEqual(expected);
    // The README's two: openssl 1.1.1d-r2 < 1.1.1d-r3 and musl 1.1.22-r3 < 1.1.23-r2.
    expect(expected).toEqual(
      expect.arrayContaining([
        'libcrypto1.1 CVE-2019-1551',
        'libssl1.1 CVE-2019-1551',
        'musl CVE-2019-14697',
        'musl-utils CVE-2019-14697',
      ]),
    );
  });
});

describe('moat-test/nodeapp:v1 against feeds/osv/npm', () => {
  it('finds minimist 0.0.8 affected by exactly GHSA-vh95-rmgr-6w4m and GHSA-xvch-5gv4-984h', async () => {
    const { inv, r } = await scanAndMatch(testImages().nodeappV1.archive, [
      { path: testdata('feeds/osv/npm') },
    ]);
    expect(inv.packages.filter((p) => p.ecosystem === 'npm').map((p) => `${p.name} ${p.version}`)).toEqual([
      'minimist 0.0.8',
    ]);
    const ghsa = r.findings.flatMap((f) => [f.id, ...f.aliases]).filter((id) => id.startsWith('GHSA-'));
    expect(ghsa.sort()).toEqual(['GHSA-vh95-rmgr-6w4m', 'GHSA-xvch-5gv4-984h']);
    // By hand from the records: CVE aliases, the fix on the 0.x line, GitHub's severity words.
    const byGhsa = (g: string): Record<string, unknown> | undefined => {
      const f = r.findings.find((x) => x.aliases.includes(g) || x.id === g);
      return f && { id: f.id, fixedIn: f.fixedIn, severity: f.severity, status: f.status, feed: f.feed };
    };
    expect(byGhsa('GHSA-vh95-rmgr-6w4m')).toEqual({
      id: 'CVE-2020-7598',
      fixedIn: '0.2.1',
      severity: 'medium',
      status: 'fixed',
      feed: 'osv',
    });
    expect(byGhsa('GHSA-xvch-5gv4-984h')).toEqual({
      id: 'CVE-2021-44906',
      fixedIn: '0.2.4',
      severity: 'critical',
      status: 'fixed',
      feed: 'osv',
    });
    expect(r.findings).toHaveLength(2);
  });
});
