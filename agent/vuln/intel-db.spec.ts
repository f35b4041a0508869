import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { testdata } from '../../test/setup/testdata';
import { importFeeds, openIntelDb, type FeedInput } from './intel-db';

const customFixture = path.resolve(__dirname, '../../test/fixtures/feeds/custom.json');
const tmp = (): string => mkdtempSync(path.join(tmpdir(), 'moat-intel-'));

function zipDir(dir: string): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const sub of readdirSync(dir)) {
    for (const f of readdirSync(path.join(dir, sub)))
      files[`${sub}/${f}`] = readFileSync(path.join(dir, sub, f));
  }
  return zipSync(files);
}

const allFeeds = (): FeedInput[] => [
  { path: testdata('feeds/osv') },
  { path: testdata('feeds/alpine-secdb') },
  { path: testdata('feeds/debian-tracker/bookworm.json') },
  { path: testdata('feeds/nvd') },
  { path: customFixture },
];

describe('importFeeds + openIntelDb', () => {
  let dir: string;
  let target: string;
  beforeAll(async () => {
    dir = tmp();
    target = path.join(dir, 'intel.db');
    await importFeeds(target, allFeeds(), { mode: 'rebuild', now: new Date('2025-01-02T03:04:05Z') });
  });

  it('stores every feed with counts, import time and newest modified date', () => {
    const db = openIntelDb(target);
    try {
      const feeds = db.feeds();
      expect(feeds.map((f) => f.name)).toEqual(['osv', 'alpine-secdb', 'debian-tracker', 'nvd', 'custom']);
      expect(feeds.find((f) => f.name === 'osv')).toMatchObject({
        recordCount: 62,
        invalidCount: 0,
        importedAt: '2025-01-02T03:04:05.000Z',
      });
      expect(feeds.find((f) => f.name === 'osv')?.newestModified).toMatch(/^20\d\d-/);
      expect(feeds.find((f) => f.name === 'nvd')?.recordCount).toBe(8);
      expect(feeds.find((f) => f.name === 'debian-tracker')?.recordCount).toBe(472);
      expect(feeds.every((f) => f.invalidCount === 0)).toBe(true);
      const openssl = db.affected('apk:alpine:3.11', 'openssl').map((h) => [h.vulnId, h.fixedVersion]);
      expect(openssl).toContainEqual(['CVE-2019-1551', '1.1.1d-r3']);
      expect(db.affected('apk:alpine:3.10', 'openssl').some((h) => h.vulnId === 'CVE-2019-1551')).toBe(false);
      expect(
        db
          .affected('npm', 'minimist')
          .map((h) => h.vulnId)
          .sort(),
      ).toEqual(['GHSA-vh95-rmgr-6w4m', 'GHSA-vh95-rmgr-6w4m', 'GHSA-xvch-5gv4-984h', 'GHSA-xvch-5gv4-984h']);
      expect(db.enrichment('CVE-2019-1551')).toMatchObject({ cvssScore: 5.3, severity: 'medium' });
      expect(db.covers('deb:debian:12')).toBe(true);
      expect(db.covers('apk:alpine:3.12')).toBe(false);
    } finally {
      db.close();
    }
  });

  it('imports an OSV all.zip like the directory, streaming entries', async () => {
    const zipPath = path.join(dir, 'all.zip');
    writeFileSync(zipPath, zipDir(testdata('feeds/osv')));
    const seen: number[] = [];
    const out = path.join(dir, 'zip.db');
    const summary = await importFeeds(out, [{ path: zipPath }], { onProgress: (p) => seen.push(p.records) });
    expect(summary.feeds).toEqual([expect.objectContaining({ name: 'osv', records: 62, invalid: 0 })]);
    expect(seen.length).toBeGreaterThan(0);
  });

  it('counts an oversized zip entry and a broken record as invalid, naming them', async () => {
    const zipPath = path.join(dir, 'hostile.zip');
    const big = JSON.stringify({ id: 'BIG-1', modified: 'x', details: 'A'.repeat(12 * 1024 * 1024) });
    const bad = JSON.stringify({
      id: 'BAD-1',
      modified: 'x',
      affected: [{ package: { ecosystem: 'npm', name: 'a' }, ranges: [{ type: 'SEMVER', events: 7 }] }],
    });
    writeFileSync(
      zipPath,
      zipSync({ 'big.json': strToU8(big), 'bad.json': strToU8(bad), 'junk.json': strToU8('{nope') }),
    );
    const summary = await importFeeds(path.join(dir, 'hostile.db'), [{ path: zipPath }]);
    const feed = summary.feeds[0];
    expect(feed.records).toBe(0);
    expect(feed.invalid).toBe(3);
    expect(feed.problems.join('\n')).toMatch(/hostile\.zip!big\.json: record is \d+ bytes/);
    expect(feed.problems.join('\n')).toMatch(
      /hostile\.zip!bad\.json: BAD-1: affected\[0\]\.ranges\[0\]\.events must be/,
    );
    expect(feed.problems.join('\n')).toMatch(/hostile\.zip!junk\.json: not valid JSON/);
  });

  it('leaves the previous intel.db byte-identical when a truncated zip fails the import', async () => {
    const before = readFileSync(target);
    const zip = zipDir(testdata('feeds/osv'));
    const cut = path.join(dir, 'cut.zip');
    writeFileSync(cut, zip.subarray(0, Math.floor(zip.length * 0.6)));
    await expect(importFeeds(target, [{ path: testdata('feeds/nvd') }, { path: cut }])).rejects.toThrow(
      /cut\.zip: (truncated|damaged)/,
    );
    expect(readFileSync(target).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves the previous intel.db byte-identical when an import throws half-way', async () => {
    const before = readFileSync(target);
    let calls = 0;
    const boom = (): void => {
      if (++calls === 3) throw new Error('interrupted');
    };
    await expect(importFeeds(target, allFeeds(), { mode: 'rebuild', onProgress: boom })).rejects.toThrow(
      'interrupted',
    );
    expect(readFileSync(target).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a secdb whose packages is a string, naming the file, and keeps the old db', async () => {
    const before = readFileSync(target);
    const bad = path.join(dir, 'bad-secdb.json');
    writeFileSync(bad, JSON.stringify({ distroversion: 'v3.12', packages: 'openssl' }));
    await expect(importFeeds(target, [{ path: bad }])).rejects.toThrow(
      `${bad}: "packages" must be an array or null, found string`,
    );
    expect(readFileSync(target).equals(before)).toBe(true);
  });

  it('merges by default: re-importing a source replaces its rows, other feeds stay', async () => {
    const out = path.join(tmp(), 'intel.db');
    await importFeeds(out, [{ path: testdata('feeds/alpine-secdb/v3.11') }]);
    await importFeeds(out, [{ path: testdata('feeds/nvd') }]);
    await importFeeds(out, [{ path: testdata('feeds/alpine-secdb/v3.11') }]);
    const db = openIntelDb(out);
    try {
      expect(
        db
          .feeds()
          .map((f) => f.name)
          .sort(),
      ).toEqual(['alpine-secdb', 'nvd']);
      expect(
        db.affected('apk:alpine:3.11', 'musl').filter((h) => h.vulnId === 'CVE-2019-14697'),
      ).toHaveLength(1);
    } finally {
      db.close();
    }
    await importFeeds(out, [{ path: testdata('feeds/nvd') }], { mode: 'rebuild' });
    const rebuilt = openIntelDb(out);
    expect(rebuilt.feeds().map((f) => f.name)).toEqual(['nvd']);
    rebuilt.close();
  });

  it('names unreadable, unrecognised and unknown-format inputs, and lists skipped files in directories', async () => {
    const d = tmp();
    const out = path.join(d, 'intel.db');
    await expect(importFeeds(out, [{ path: path.join(d, 'missing.json') }])).rejects.toThrow(
      /missing\.json: cannot read feed input \(ENOENT\)/,
    );
    writeFileSync(path.join(d, 'notes.txt'), 'hello');
    await expect(importFeeds(out, [{ path: path.join(d, 'notes.txt') }])).rejects.toThrow(
      /notes\.txt: not a recognised feed/,
    );
    await expect(importFeeds(out, [{ path: customFixture, format: 'yaml' }])).rejects.toThrow(
      'unknown feed format "yaml"',
    );
    mkdirSync(path.join(d, 'feeds'));
    writeFileSync(path.join(d, 'feeds', 'README'), 'not a feed');
    writeFileSync(path.join(d, 'feeds', 'c.json'), readFileSync(customFixture));
    const summary = await importFeeds(out, [{ path: path.join(d, 'feeds') }]);
    expect(summary.skipped).toEqual([path.join(d, 'feeds', 'README')]);
    expect(summary.feeds[0]).toMatchObject({ name: 'custom', records: 3 });
  });

  it('refuses to open a missing file or one that is not an intel.db', () => {
    const d = tmp();
    expect(() => openIntelDb(path.join(d, 'none.db'))).toThrow(/none\.db: cannot open intel\.db/);
    writeFileSync(path.join(d, 'junk.db'), 'x'.repeat(4096));
    expect(() => openIntelDb(path.join(d, 'junk.db'))).toThrow(/junk\.db: not an intel\.db/);
  });
});
