// Base images and per-kind vulnerability rules through the real `moat serve` process and its HTTP API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireDocker } from '../setup/docker-cli';
import { startServe, type ServeProcess } from '../setup/serve-process';
import { IMAGE_NAMES } from '../setup/test-images';
import { testdata } from '../setup/testdata';
import { ALPINE_ADVISORIES } from '../setup/alpine-advisories';
import type { Channel, InvokeMap, ScanSummaryDto } from '../../electron/contract/index';

requireDocker();
let s: ServeProcess;

async function post(
  channel: string,
  params: unknown = {},
): Promise<{ status: number; body: { result?: unknown; error?: { message: string } } }> {
  const { status, ...body } = await s.invoke(channel, params);
  return { status, body };
}

/** A typed call through the HTTP API, failing on an error answer. */
async function call<C extends Channel>(
  channel: C,
  params: InvokeMap[C]['params'],
): Promise<InvokeMap[C]['result']> {
  const r = await post(channel, params);
  if (r.body.error) throw new Error(`${channel}: ${r.body.error.message}`);
  return r.body.result as InvokeMap[C]['result'];
}

type Summary = ScanSummaryDto;

const total = (v: Record<string, number>): number => Object.values(v).reduce((a, b) => a + b, 0);

/** The newest scan of an image in the deployed list, once it is done and matched against both feeds. */
async function scanOf(ref: string): Promise<Summary> {
  // Generous: scans run one at a time and the console may still be scanning the daemon's other images.
  const deadline = Date.now() + 240_000;
  for (;;) {
    const page = await call('images:list', { search: ref });
    const scan = page.items.find((i) => i.repoTags.includes(ref))?.scan as Summary | undefined;
    if (scan?.status === 'done' && total(scan.vulns) + (scan.inherited ?? 0) > 0) return scan;
    if (Date.now() > deadline)
      throw new Error(`${ref} was not scanned with findings in 240 s: ${JSON.stringify(scan)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

beforeAll(async () => {
  s = await startServe();
  // The real v3.10 secdb has no finding for the Alpine test image; custom advisories on its packages do.
  await call('customVulns:save', { entries: ALPINE_ADVISORIES });
  await call('feeds:importPath', { path: testdata('feeds', 'osv', 'npm') });
});
afterAll(async () => s?.stop());

describe('base images (moat serve)', () => {
  let baseId: number;

  it('counts every finding of a derived image while no base is declared', async () => {
    const derived = await scanOf(IMAGE_NAMES.alpineDerived);
    const base = await scanOf(IMAGE_NAMES.alpineApk);
    expect(derived.baseImage).toBeUndefined();
    // The derived image holds the base's Alpine packages plus minimist from its own layer.
    expect(total(derived.vulns)).toBeGreaterThan(total(base.vulns));
    const rows = (await call('scans:vulns', { id: derived.id, pageSize: 500 })).items;
    expect(rows.some((r) => r.packageName === 'minimist')).toBe(true);
    expect(rows.every((r) => r.inheritedFrom === undefined)).toBe(true);
  }, 300_000);

  it('declares a daemon image as a base and hides what derived images inherit from it', async () => {
    const before = await scanOf(IMAGE_NAMES.alpineDerived);
    const baseScanBefore = await scanOf(IMAGE_NAMES.alpineApk);
    const added = await call('baseImages:add', { ref: IMAGE_NAMES.alpineApk });
    baseId = added.id;
    expect(added).toMatchObject({ ref: IMAGE_NAMES.alpineApk, layers: expect.any(Number) });
    expect((await call('baseImages:list', {})).map((b: { ref: string }) => b.ref)).toEqual([
      IMAGE_NAMES.alpineApk,
    ]);

    const after = await scanOf(IMAGE_NAMES.alpineDerived);
    expect(after.baseImage).toBe(IMAGE_NAMES.alpineApk);
    expect(after.inherited).toBeGreaterThan(0);
    expect(total(after.vulns) + after.inherited!).toBe(total(before.vulns));

    const own = (await call('scans:vulns', { id: after.id, pageSize: 500 })).items;
    expect(own.length).toBe(total(after.vulns));
    expect(new Set(own.map((r) => r.packageName))).toEqual(new Set(['minimist']));

    const all = (await call('scans:vulns', { id: after.id, pageSize: 500, inherited: true })).items;
    expect(all.length).toBe(total(before.vulns));
    const inherited = all.filter((r) => r.inheritedFrom);
    expect(inherited.length).toBe(after.inherited);
    expect(inherited.every((r) => r.inheritedFrom === IMAGE_NAMES.alpineApk)).toBe(true);
    expect(inherited.some((r) => r.packageName === 'minimist')).toBe(false);

    // The base image itself is not derived from itself: its own findings stay visible.
    const baseScan = await scanOf(IMAGE_NAMES.alpineApk);
    expect(baseScan.baseImage).toBeUndefined();
    expect(baseScan.vulns).toEqual(baseScanBefore.vulns);
  });

  it('removing the base image restores the full view', async () => {
    const all = await scanOf(IMAGE_NAMES.alpineDerived);
    expect(await call('baseImages:remove', { id: baseId })).toEqual([]);
    const restored = await scanOf(IMAGE_NAMES.alpineDerived);
    expect(restored.baseImage).toBeUndefined();
    expect(total(restored.vulns)).toBe(total(all.vulns) + all.inherited!);
  });

  it('declares a scanned image as a base by its scan id', async () => {
    const baseScan = await scanOf(IMAGE_NAMES.alpineApk);
    const added = await call('baseImages:add', { scanId: baseScan.id });
    expect(added.ref).toBe(IMAGE_NAMES.alpineApk);
    expect((await scanOf(IMAGE_NAMES.alpineDerived)).baseImage).toBe(IMAGE_NAMES.alpineApk);
    await call('baseImages:remove', { id: added.id });
  });

  it('names bad input: an unknown image, both ref and scanId, an unknown id', async () => {
    const missing = await post('baseImages:add', { ref: 'moat-test/no-such-image:never' });
    expect(missing.status).toBe(404);
    expect(missing.body.error?.message).toContain('moat-test/no-such-image:never');
    const both = await post('baseImages:add', { ref: IMAGE_NAMES.alpineApk, scanId: 1 });
    expect(both.status).toBe(400);
    expect(both.body.error?.message).toMatch(/either ref .* or scanId/);
    const gone = await post('baseImages:remove', { id: 999_999 });
    expect(gone.status).toBe(404);
    expect(gone.body.error?.message).toContain('999999');
  });
});

describe('vulnerability rules per kind (moat serve)', () => {
  const rule = (name: string, failThreshold?: string): Record<string, unknown> => ({
    name,
    alertThreshold: 'low',
    ...(failThreshold ? { failThreshold } : {}),
    scope: { images: ['moat-test/*'] },
  });

  it('keeps separate ordered lists for CI, deployed images and hosts', async () => {
    await call('vulnRules:set', { kind: 'ci', rules: [rule('CI rule', 'medium')] });
    await call('vulnRules:set', { kind: 'deployed', rules: [rule('Deployed rule')] });
    await call('vulnRules:set', { kind: 'host', rules: [rule('Host rule', 'critical')] });
    expect((await call('vulnRules:list', { kind: 'ci' })).map((r) => r.name)).toEqual(['CI rule']);
    expect((await call('vulnRules:list', { kind: 'deployed' }))[0].name).toBe('Deployed rule');
    expect((await call('vulnRules:list', { kind: 'host' }))[0].name).toBe('Host rule');
    // The CLI fetches the CI rule; the CI list is still the one ci:rules shows.
    expect((await call('ci:policy', { image: IMAGE_NAMES.alpineDerived })).vulnerability.name).toBe(
      'CI rule',
    );
    expect((await call('ci:rules', {})).vulnerabilityRules[0].name).toBe('CI rule');
  });

  it("judges a deployed image by the deployed list's first rule in scope", async () => {
    let scan = await scanOf(IMAGE_NAMES.alpineDerived);
    expect(scan.vulnVerdict).toMatchObject({ rule: 'Deployed rule', pass: true, failing: 0 });
    expect(scan.vulnVerdict!.alerting).toBeGreaterThan(0);
    // First match: a failing rule put first wins over the alerting one below it.
    await call('vulnRules:set', {
      kind: 'deployed',
      rules: [rule('Strict deployed rule', 'low'), rule('Deployed rule')],
    });
    scan = await scanOf(IMAGE_NAMES.alpineDerived);
    expect(scan.vulnVerdict).toMatchObject({ rule: 'Strict deployed rule', pass: false });
    expect(scan.vulnVerdict!.failing).toBe(total(scan.vulns));
    // A rule scoped elsewhere does not apply: no rule, no verdict.
    await call('vulnRules:set', {
      kind: 'deployed',
      rules: [{ ...rule('Other images'), scope: { images: ['other/*'] } }],
    });
    expect((await scanOf(IMAGE_NAMES.alpineDerived)).vulnVerdict).toBeUndefined();
  });

  it("judges this host by the host list's first rule, not by the deployed or CI lists", async () => {
    await call('vulnRules:set', {
      kind: 'host',
      rules: [
        { name: 'Other hosts', failThreshold: 'low', scope: { images: ['no-such-host-*'] } },
        { name: 'Host rule', alertThreshold: 'low', failThreshold: 'critical' },
      ],
    });
    await call('vulnRules:set', {
      kind: 'deployed',
      rules: [{ name: 'Deployed everything', failThreshold: 'low' }],
    });
    const { scanId } = await call('hosts:scan', {});
    // Scans run one at a time: the host waits behind the daemon's images the console is still scanning.
    const deadline = Date.now() + 280_000;
    let host = await call('scans:get', { id: scanId });
    while (host.status === 'running' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      host = await call('scans:get', { id: scanId });
    }
    expect(host.status, host.error).toBe('done');
    expect(host.vulnVerdict?.rule).toBe('Host rule');
    expect(host.baseImage).toBeUndefined();
    const listed = (await call('scans:list', { kind: 'host' })).items.find((h) => h.id === scanId);
    expect(listed?.vulnVerdict?.rule).toBe('Host rule');
  }, 300_000);

  it('refuses a malformed rule list, naming the kind, and keeps the stored one', async () => {
    const bad = await post('vulnRules:set', {
      kind: 'host',
      rules: [{ name: 'x', failThreshold: 'severe' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toContain('host vulnerability rules');
    expect((await call('vulnRules:list', { kind: 'host' }))[1].name).toBe('Host rule');
    const kind = await post('vulnRules:list', { kind: 'laptops' });
    expect(kind.status).toBe(400);
  });
});
