// Scanning through the console's API: queued, stored in console.db, read back through the same contract the UI uses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeConsole, type Console } from '../../electron/main/compose';
import { directClient } from '../../electron/api/dispatch';
import { requireDocker } from '../setup/docker-cli';
import { IMAGE_NAMES } from '../setup/test-images';
import { testdata } from '../setup/testdata';
import { importFeeds } from '../../agent/vuln/intel-db';

requireDocker();
let app: Console;
let home: string;
beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-console-'));
  app = composeConsole({ dataDir: home, runtime: false });
});
afterAll(() => {
  app?.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('console scans', () => {
  it('scans an image from the daemon and serves its inventory through the API', async () => {
    const call = directClient(app.dispatch);
    const { scanId } = await call('images:scan', { ref: IMAGE_NAMES.alpineApk });
    expect((await call('scans:get', { id: scanId })).status).toMatch(/running|done/);
    await app.services.scans.settled(scanId);
    const scan = await call('scans:get', { id: scanId });
    expect(scan.status).toBe('done');
    expect(scan.os).toMatch(/Alpine/i);
    const installed = fs.readFileSync(testdata('fixtures', 'apk', 'alpine-3.10', 'installed'), 'utf8');
    expect(scan.packages).toBe((installed.match(/^P:/gm) ?? []).length);
    expect(scan.layers.length).toBeGreaterThan(1);
    const list = await call('scans:list', { kind: 'deployed' });
    expect(list.items.map((s) => s.id)).toContain(scanId);
  });

  it('scans every image of the daemon when first seen and lists it with its scan', async () => {
    const call = directClient(app.dispatch);
    const deadline = Date.now() + 90_000;
    let page = await call('images:list', { pageSize: 500 });
    while (page.items.some((i) => i.scan?.status !== 'done') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      page = await call('images:list', { pageSize: 500 });
    }
    expect(page.items.filter((i) => i.scan?.status !== 'done').map((i) => i.repoTags[0] ?? i.id)).toEqual([]);
    const debian = page.items.find((i) => i.repoTags.includes(IMAGE_NAMES.debianVuln));
    expect(debian?.scan?.os).toMatch(/Debian/);
    expect(debian?.scan?.packages).toBeGreaterThan(100);
  });

  it('re-matches stored inventories when feeds are imported, without scanning again', async () => {
    const call = directClient(app.dispatch);
    const v1 = async () => (await call('images:list', { search: 'nodeapp:v1' })).items[0].scan!;
    const before = await v1();
    expect(before.vulns.high + before.vulns.critical + before.vulns.medium).toBe(0);
    const changed = new Promise<{ rematched: number }>((resolve) =>
      app.bus.subscribe('feeds:changed', resolve),
    );
    await importFeeds(path.join(home, 'intel.db'), [{ path: testdata('feeds', 'osv', 'npm') }]);
    expect((await changed).rematched).toBeGreaterThan(0);
    const after = await v1();
    expect(after.id).toBe(before.id);
    const vulns = await call('scans:vulns', { id: after.id });
    expect(
      vulns.items
        .filter((v) => v.packageName === 'minimist')
        .map((v) => v.id)
        .sort(),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/GHSA-vh95-rmgr-6w4m|CVE-2020-7598/),
        expect.stringMatching(/GHSA-xvch-5gv4-984h|CVE-2021-44906/),
      ]),
    );
    expect(vulns.items.every((v) => v.feedImportedAt)).toBe(true);
    const minimist = vulns.items.find((v) => v.id === 'CVE-2021-44906')!;
    expect(minimist.severitySource).toBe('osv');
    expect(minimist.links).toEqual(
      expect.arrayContaining([
        'https://nvd.nist.gov/vuln/detail/CVE-2021-44906',
        'https://github.com/advisories/GHSA-xvch-5gv4-984h',
      ]),
    );
    const fixes = await call('scans:fixes', { id: after.id });
    expect(fixes[0]).toMatchObject({
      package: 'minimist',
      upgradeTo: '0.2.4',
      clears: expect.arrayContaining(['CVE-2021-44906']),
    });
    expect(fixes[0].text).toMatch(
      /^upgrade minimist 0\.0\.8 to 0\.2\.4 \(clears 2\) — installed by layer \d+: .*COPY/,
    );
    const feeds = await call('feeds:list', {});
    expect(feeds.feeds.map((f) => f.name)).toContain('osv');
    expect(feeds.feeds[0].ageDays).toBe(0);
  });

  it('refuses a custom vulnerability with a bad range, naming it, and keeps the stored list', async () => {
    const call = directClient(app.dispatch);
    const good = {
      id: 'MOAT-C-1',
      ecosystem: 'npm',
      package: 'minimist',
      range: '<1.0.0',
      severity: 'high' as const,
    };
    await call('customVulns:save', { entries: [good] });
    await expect(
      call('customVulns:save', { entries: [good, { ...good, id: 'MOAT-C-2', range: '>>> nonsense <<<' }] }),
    ).rejects.toThrow(/custom vulnerability #2 \(MOAT-C-2\)/);
    expect(await call('customVulns:list', {})).toEqual([good]);
  });

  it('stores a failed scan with its reason', async () => {
    const call = directClient(app.dispatch);
    const { scanId } = await call('images:scan', { ref: 'moat-test/does-not-exist:nope' });
    await app.services.scans.settled(scanId);
    const scan = await call('scans:get', { id: scanId });
    expect(scan.status).toBe('failed');
    expect(scan.error).toContain('moat-test/does-not-exist:nope');
    await expect(call('scans:get', { id: 999_999 })).rejects.toThrow(/no scan with id 999999/);
  });
});
