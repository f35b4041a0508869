import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testdata } from '../../test/setup/testdata';
import { apkAnalyzer } from '../scan/inventory/ospkg/apk';
import type { Ecosystem, OsInfo, Package } from '../model/package';
import { importFeeds, openIntelDb, type IntelDb } from './intel-db';
import { matchPackages } from './matcher';

const fixtures = path.resolve(__dirname, '../../test/fixtures/feeds');

function pkg(ecosystem: Ecosystem, name: string, version: string, extra: Partial<Package> = {}): Package {
  return {
    name,
    version,
    ecosystem,
    purl: `pkg:${ecosystem}/${name}@${version}`,
    licenses: [],
    foundIn: '/test',
    ...extra,
  };
}

async function apkPackages(image: string): Promise<Package[]> {
  const content = readFileSync(testdata('fixtures/apk', image, 'installed'));
  const res = await apkAnalyzer.analyze({
    path: '/lib/apk/db/installed',
    size: content.length,
    mode: 0o644,
    content,
  });
  return res.packages ?? [];
}

function alpine(image: string): OsInfo {
  return {
    family: 'alpine',
    release: readFileSync(testdata('fixtures/apk', image, 'alpine-release'), 'utf8').trim(),
  };
}

describe('matchPackages', () => {
  let db: IntelDb;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'moat-match-'));
    // A custom record under the CVE id GitHub aliases, to prove GHSA <-> CVE records merge.
    const custom = path.join(dir, 'custom.json');
    const extra = {
      id: 'CVE-2020-7598',
      ecosystem: 'npm',
      package: 'minimist',
      range: '<0.2.1',
      severity: 'low',
      description: 'x',
    };
    writeFileSync(
      custom,
      JSON.stringify([...JSON.parse(readFileSync(path.join(fixtures, 'custom.json'), 'utf8')), extra]),
    );
    const target = path.join(dir, 'intel.db');
    await importFeeds(target, [
      { path: testdata('feeds/osv') },
      { path: testdata('feeds/alpine-secdb/v3.10') },
      { path: testdata('feeds/alpine-secdb/v3.11') },
      { path: testdata('feeds/debian-tracker/bookworm.json') },
      { path: path.join(fixtures, 'debian-edge.json') },
      { path: testdata('feeds/nvd') },
      { path: custom },
    ]);
    db = openIntelDb(target);
  });
  afterAll(() => db.close());

  it('finds nothing for alpine 3.10 packages against the v3.10 secdb (branch from alpine-release)', async () => {
    const os = alpine('alpine-3.10');
    expect(os.release).toBe('3.10.4');
    const { findings, warnings } = matchPackages(db, os, await apkPackages('alpine-3.10'));
    expect(findings.filter((f) => f.feed !== 'custom')).toEqual([]);
    expect(warnings).toEqual([]);
    // The custom feed's lab advisory for Alpine v3.10 busybox still applies, to every busybox subpackage.
    expect(findings.map((f) => [f.id, f.package.name, f.severity, f.status])).toEqual([
      ['MOAT-2024-0002', 'busybox', 'critical', 'open'],
      ['MOAT-2024-0002', 'ssl_client', 'critical', 'open'],
    ]);
  });

  it('would report CVE-2019-1551 and CVE-2019-14697 against the wrong branch (v3.11), with NVD severity', async () => {
    const { findings } = matchPackages(
      db,
      { family: 'alpine', release: '3.11.5' },
      await apkPackages('alpine-3.10'),
    );
    expect([...new Set(findings.map((f) => f.id))].sort()).toEqual(['CVE-2019-14697', 'CVE-2019-1551']);
    const ssl = findings.filter((f) => f.id === 'CVE-2019-1551');
    expect(ssl.map((f) => f.package.name).sort()).toEqual(['libcrypto1.1', 'libssl1.1']);
    expect(ssl[0]).toMatchObject({
      fixedIn: '1.1.1d-r3',
      status: 'fixed',
      severity: 'medium',
      cvssScore: 5.3,
      cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N',
      feed: 'alpine-secdb',
    });
    expect(ssl[0].description).toMatch(/OpenSSL/);
    expect(findings.find((f) => f.id === 'CVE-2019-14697')).toMatchObject({
      severity: 'critical',
      fixedIn: '1.1.23-r2',
    });
  });

  it('treats the equal-version boundary as fixed: alpine 3.11 has no v3.11 findings', async () => {
    const { findings } = matchPackages(db, alpine('alpine-3.11'), await apkPackages('alpine-3.11'));
    expect(findings).toEqual([]);
  });

  it('matches OSV Alpine records by branch and versions list: musl 1.2.4-r0 on 3.18', async () => {
    const { findings, warnings } = matchPackages(
      db,
      { family: 'alpine', release: '3.18.4' },
      await apkPackages('alpine-3.18'),
    );
    expect(findings.map((f) => [f.id, f.package.name, f.fixedIn])).toEqual([
      ['CVE-2025-26519', 'musl', '1.2.4-r3'],
      // musl-utils is built from the musl origin, so it carries the same finding.
      ['CVE-2025-26519', 'musl-utils', '1.2.4-r3'],
    ]);
    expect(warnings).toEqual([]);
  });

  it('gives minimist 0.0.8 exactly the two GitHub advisories, merged with their CVE aliases', () => {
    const { findings } = matchPackages(db, undefined, [pkg('npm', 'minimist', '0.0.8')]);
    expect(findings).toHaveLength(2);
    const ids = findings.map((f) => [f.id, ...f.aliases]);
    expect(
      ids
        .flat()
        .filter((i) => i.startsWith('GHSA-'))
        .sort(),
    ).toEqual(['GHSA-vh95-rmgr-6w4m', 'GHSA-xvch-5gv4-984h']);
    const vh95 = findings.find((f) => f.aliases.includes('GHSA-vh95-rmgr-6w4m'));
    expect(vh95).toMatchObject({ id: 'CVE-2020-7598', fixedIn: '0.2.1', status: 'fixed' });
    const xvch = findings.find((f) => f.aliases.includes('GHSA-xvch-5gv4-984h'));
    expect(xvch).toMatchObject({ id: 'CVE-2021-44906', fixedIn: '0.2.4', severity: 'critical' });
    expect(matchPackages(db, undefined, [pkg('npm', 'minimist', '1.2.6')]).findings).toEqual([]);
  });

  it('matches ansi-regex 3.0.0 and normalises npm and PyPI names', () => {
    const r = matchPackages(db, undefined, [
      pkg('npm', 'ansi-regex', '3.0.0'),
      pkg('npm', 'Left-Pad', '1.2.0'),
      pkg('pypi', 'requests.toolbelt', '0.9.1'),
      pkg('pypi', 'requests-toolbelt', '0.8.5'),
    ]);
    expect(
      r.findings.map((f) => [f.package.name, [f.id, ...f.aliases].find((x) => !x.startsWith('CVE-'))]),
    ).toEqual([
      ['ansi-regex', 'GHSA-93q8-gq69-wqmw'],
      ['Left-Pad', 'MOAT-2024-0001'],
      ['requests.toolbelt', 'MOAT-2024-0003'],
    ]);
    expect(r.findings[1]).toMatchObject({ severity: 'high', fixedIn: '1.3.0', feed: 'custom' });
  });

  it('matches Debian packages by source package and release, with the tracker urgency', () => {
    const os: OsInfo = { family: 'debian', release: '12' };
    const curl = pkg('deb', 'libcurl4', '7.88.1-10', { sourceName: 'curl' });
    const ssl = pkg('deb', 'libssl3', '3.0.9-1', { sourceName: 'openssl' });
    const { findings } = matchPackages(db, os, [curl, ssl]);
    const c = findings.find((f) => f.id === 'CVE-2023-32001');
    expect(c).toMatchObject({
      severity: 'medium',
      fixedIn: '7.88.1-10+deb12u1',
      feed: 'debian-tracker',
      status: 'fixed',
    });
    expect(c?.package).toBe(curl);
    const edge = Object.fromEntries(
      findings.filter((f) => f.package === ssl).map((f) => [f.id, [f.severity, f.status]]),
    );
    expect(edge['CVE-2099-0001']).toEqual(['high', 'fixed']);
    expect(edge['CVE-2099-0002']).toEqual(['negligible', 'open']);
    expect(edge['CVE-2099-0003']).toEqual(['unknown', 'unknown']);
    expect(edge['TEMP-0000000-ABCDEF']).toBeUndefined();
    const buster = matchPackages(db, { family: 'debian', release: '', codename: 'buster' }, [ssl]).findings;
    expect(buster.map((f) => [f.id, f.status])).toEqual([['TEMP-0000000-ABCDEF', 'wontfix']]);
  });

  it('warns instead of guessing: invalid versions, unknown OS, releases without data', () => {
    const r = matchPackages(db, undefined, [
      pkg('npm', 'minimist', 'not a version'),
      pkg('apk', 'musl', '1.2.4-r0'),
    ]);
    expect(r.findings).toEqual([]);
    expect(r.warnings).toEqual([
      'minimist not a version (/test): "not a version" is not a valid semver version, so it was not matched',
      'apk packages not matched: the operating system is unknown',
    ]);
    const r2 = matchPackages(db, { family: 'alpine', release: '3.12.0' }, [pkg('apk', 'musl', '1.1.24-r0')]);
    expect(r2.warnings).toEqual([
      'no vulnerability data in intel.db for apk:alpine:3.12; its packages were not checked',
    ]);
    const r3 = matchPackages(db, { family: 'debian', release: '12' }, [pkg('apk', 'musl', '1.1.24-r0')]);
    expect(r3.warnings[0]).toMatch(/do not belong to the detected OS "debian"/);
  });

  it('merges a CVE record and the GHSA aliasing it into one finding per package', () => {
    const { findings } = matchPackages(db, undefined, [pkg('npm', 'minimist', '0.1.0')]);
    const cve = findings.filter((f) => f.id === 'CVE-2020-7598');
    expect(cve).toHaveLength(1);
    expect(cve[0].aliases).toContain('GHSA-vh95-rmgr-6w4m');
  });
});
