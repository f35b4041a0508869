import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ImageInventory } from '../../../scan/scan-image';
import type { ImageFacts } from '../../collect/image-facts';
import { runChecks } from '../../evaluate';
import type { ImageCheckInput } from '../../types';
import { historySecrets } from './410-secrets-in-history';
import { parseApkChecksums, parseDpkgMd5sums } from './448-package-binaries-altered';
import { eolVerdict } from './9002-eol-os';

function facts(over: Partial<ImageFacts> = {}): ImageFacts {
  return {
    complete: true,
    signatureCount: 3,
    privateKeys: [],
    malware: [],
    miners: [],
    credentials: [],
    setuid: [],
    binaries: new Map(),
    dpkgMd5sums: new Map(),
    apkInstalled: null,
    ...over,
  };
}

function input(image: Partial<ImageInventory['image']> = {}, f: Partial<ImageFacts> = {}): ImageCheckInput {
  const inventory = {
    image: { user: '', env: [], history: [], ...image },
    os: null,
    packages: [],
    layers: [],
    warnings: [],
  } as unknown as ImageInventory;
  return { inventory, facts: facts(f) };
}

async function one(
  id: number,
  i: ImageCheckInput,
): Promise<{ status: string; evidence: string[]; reason?: string }> {
  const { status, evidence, reason } = (await runChecks('image', i, [id]))[0];
  return { status, evidence, ...(reason !== undefined ? { reason } : {}) };
}

describe('config checks', () => {
  it('41 USER', async () => {
    expect(await one(41, input({ user: '' }))).toMatchObject({
      status: 'fail',
      evidence: ['no USER instruction: runs as root'],
    });
    expect((await one(41, input({ user: '0:0' }))).status).toBe('fail');
    expect(await one(41, input({ user: 'app' }))).toMatchObject({ status: 'pass', evidence: ['USER app'] });
  });

  it('46 HEALTHCHECK, including NONE', async () => {
    expect((await one(46, input({}))).status).toBe('fail');
    expect((await one(46, input({ healthcheck: { test: ['NONE'] } }))).status).toBe('fail');
    expect((await one(46, input({ healthcheck: { test: ['CMD', 'true'] } }))).status).toBe('pass');
  });

  it('49 ADD of a URL in history; no history is not applicable', async () => {
    const h = (createdBy: string): ImageInventory['image']['history'] => [{ createdBy, emptyLayer: false }];
    expect(
      await one(49, input({ history: h('ADD https://example.invalid/x.tgz /opt/ # buildkit') })),
    ).toMatchObject({
      status: 'fail',
      evidence: ['history 0: ADD https://example.invalid/x.tgz'],
    });
    expect((await one(49, input({ history: h('/bin/sh -c #(nop) ADD file:abc in / ') }))).status).toBe(
      'pass',
    );
    expect((await one(49, input({ history: [] }))).status).toBe('not_applicable');
  });

  it('424 masks values and names why', async () => {
    const r = await one(424, input({ env: ['PATH=/bin', 'SECRET_KEY=~DUUvI~gbnZ_~~zrj3J4i83q69vuJGczn0'] }));
    expect(r).toEqual({
      status: 'fail',
      evidence: ['SECRET_KEY=~DUU…czn0 (sensitive name, high-entropy string)'],
    });
    expect((await one(424, input({ env: ['PATH=/bin', 'LANG=C.UTF-8'] }))).status).toBe('pass');
  });
});

describe('410 historySecrets', () => {
  it('finds ENV/ARG assignments and inline tokens, masked', () => {
    expect(historySecrets('/bin/sh -c #(nop)  ENV SECRET_KEY=~DUUvI~gbnZ_~~zrj3J4i83q69vuJGczn0')).toEqual([
      'SECRET_KEY=~DUU…czn0 (high-entropy string)',
    ]);
    expect(historySecrets('RUN curl -H "Authorization: token ghp_' + 'a1B2'.repeat(9) + '" x')).toEqual([
      'ghp_…a1B2 (GitHub token)',
    ]);
    expect(historySecrets('RUN apt-get install -y curl')).toEqual([]);
    expect(historySecrets('ARG DB_PASSWORD=$PASS')).toEqual([]);
  });

  it('stays fast on a huge history line', () => {
    const t0 = Date.now();
    historySecrets('A'.repeat(200_000) + '='.repeat(1000) + 'x'.repeat(200_000));
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});

describe('file-fact checks', () => {
  const layer = { index: 2, diffId: 'sha256:ab', createdBy: 'COPY server.key /app/' };
  it('report path, detail and layer; incomplete facts are errors, never passes', async () => {
    const key = { path: '/app/k', detail: 'RSA PRIVATE KEY', layer, present: true };
    expect(await one(425, input({}, { privateKeys: [key] }))).toEqual({
      status: 'fail',
      evidence: ['/app/k (RSA PRIVATE KEY) — layer 2: COPY server.key /app/'],
    });
    for (const id of [48, 422, 425, 426, 448, 9001]) {
      const r = await one(id, input({}, { complete: false, incompleteReason: 'cached layers' }));
      expect(r, `check ${id}`).toMatchObject({ status: 'error', reason: 'cached layers' });
    }
  });

  it('422 is not applicable without signatures', async () => {
    expect((await one(422, input({}, { signatureCount: 0 }))).status).toBe('not_applicable');
  });

  it('48 ignores setuid files deleted by a later layer', async () => {
    const gone = { path: '/bin/x', detail: 'setuid mode 4755', layer, present: false };
    expect((await one(48, input({}, { setuid: [gone] }))).status).toBe('pass');
    expect((await one(48, input({}, { setuid: [{ ...gone, present: true }] }))).status).toBe('fail');
  });
});

describe('448 package binaries altered', () => {
  const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
  const sha1 = (s: string): string => createHash('sha1').update(s).digest('hex');
  it('compares dpkg md5sums and apk Z: checksums with the final digests', async () => {
    const binaries = new Map([
      ['/usr/bin/ok', { md5: md5('ok'), sha1: sha1('ok'), layer: null }],
      ['/usr/bin/changed', { md5: md5('evil'), sha1: sha1('evil'), layer: null }],
      ['/bin/busybox', { md5: md5('bb'), sha1: sha1('bb'), layer: null }],
    ]);
    const dpkg = new Map([
      ['/var/lib/dpkg/info/x.md5sums', `${md5('ok')}  usr/bin/ok\n${md5('orig')}  usr/bin/changed\n`],
    ]);
    const apk = `P:busybox\nF:bin\nR:busybox\nZ:Q1${Buffer.from(sha1('bb'), 'hex').toString('base64')}\n\n`;
    const r = await one(448, input({}, { binaries, dpkgMd5sums: dpkg, apkInstalled: apk }));
    expect(r).toEqual({
      status: 'fail',
      evidence: [`/usr/bin/changed: md5 ${md5('evil')}, dpkg expects ${md5('orig')}`],
    });
    expect((await one(448, input({}, {}))).status).toBe('not_applicable');
  });

  it('reports a packaged binary without the digest its database uses as an error, never a pass', async () => {
    const binaries = new Map([
      ['/usr/bin/ok', { md5: md5('ok'), sha1: '', layer: null }],
      ['/bin/busybox', { md5: md5('bb'), sha1: '', layer: null }],
    ]);
    const dpkg = new Map([['/var/lib/dpkg/info/x.md5sums', `${md5('ok')}  usr/bin/ok\n`]]);
    const apk = `P:busybox\nF:bin\nR:busybox\nZ:Q1${Buffer.from(sha1('bb'), 'hex').toString('base64')}\n\n`;
    const r = await one(448, input({}, { binaries, dpkgMd5sums: dpkg, apkInstalled: apk }));
    expect(r.status).toBe('error');
    expect(r.reason).toMatch(/1 package-owned executable\(s\) were not hashed .*: \/bin\/busybox$/);
    const changed = new Map([...binaries, ['/usr/bin/ok', { md5: md5('evil'), sha1: '', layer: null }]]);
    expect(
      (await one(448, input({}, { binaries: changed, dpkgMd5sums: dpkg, apkInstalled: apk }))).status,
    ).toBe('fail');
  });

  it('parsers skip garbage lines', () => {
    expect([...parseDpkgMd5sums(['nothex  usr/bin/a\n', `${'a'.repeat(32)}  /usr/bin/b\n`])]).toEqual([
      ['/usr/bin/b', 'a'.repeat(32)],
    ]);
    expect([...parseApkChecksums('F:bin\nR:x\nZ:Q1notbase64!!\nZ:Q1\n')]).toEqual([]);
  });
});

describe('9002 end of life', () => {
  const now = new Date('2026-11-23T00:00:00Z');
  it.each([
    [{ family: 'alpine', release: '3.10.4' }, 'fail'],
    [{ family: 'debian', release: '12' }, 'pass'],
    [{ family: 'debian', release: '11.8' }, 'fail'],
    [{ family: 'ubuntu', release: '22.04' }, 'pass'],
    [{ family: 'rhel', release: '7.9' }, 'fail'],
    [{ family: 'alpine', release: '3.99.0' }, 'not_applicable'],
    [{ family: 'plan9', release: '4' }, 'not_applicable'],
  ])('%j -> %s', (os, want) => {
    expect(eolVerdict(os, now).status).toBe(want);
  });

  it('no OS is not applicable with a reason', () => {
    expect(eolVerdict(null, now)).toMatchObject({
      status: 'not_applicable',
      reason: expect.stringMatching(/no OS release/),
    });
  });
});
