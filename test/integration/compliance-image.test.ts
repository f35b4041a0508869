// Proof of the compliance engine on the workshop images: nodeapp:v1 fails 424, 425, the custom
// sensitive-file check and (with EICAR added) 422; nodeapp:v2 passes all four.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateImage, scanForCompliance, type ComplianceResult } from '../../agent/compliance/evaluate';
import type { CustomCheck } from '../../agent/compliance/custom/custom-check';
import { openDockerDaemon } from '../../agent/scan/image/docker-daemon';
import { docker, dockerOk, requireDocker } from '../setup/docker-cli';
import { testImages } from '../setup/images-env';
import { NODEAPP_ENV } from '../setup/test-images';
import { testdata } from '../setup/testdata';

requireDocker();
const images = testImages();
const SENSITIVE: CustomCheck = {
  id: 9100,
  name: 'No sensitive file in /tmp',
  description: 'workshop check',
  severity: 'high',
  script: 'if [ -f /tmp/sensitive.txt ]; then echo "File found!"; exit 1; fi',
};
const EICAR_REF = `moat-test/compliance-eicar:${process.pid}`;

async function evaluate(ref: string): Promise<Map<number, ComplianceResult>> {
  const scan = await scanForCompliance(await openDockerDaemon(ref));
  const results = await evaluateImage(scan, ref, { checkIds: [422, 424, 425], customChecks: [SENSITIVE] });
  return new Map(results.map((r) => [r.checkId, r]));
}

beforeAll(() => {
  const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-eicar-'));
  try {
    fs.copyFileSync(testdata('fixtures', 'malware', 'eicar.com'), path.join(ctx, 'eicar.com'));
    fs.writeFileSync(path.join(ctx, 'xmrig'), '#!/bin/sh\necho not really a miner\n', { mode: 0o755 });
    fs.writeFileSync(
      path.join(ctx, 'config.json'),
      JSON.stringify({ auths: { 'registry.example': { auth: 'dTpw' } } }),
    );
    const steps = [
      `FROM ${images.nodeappV1.ref}`,
      'COPY eicar.com /opt/eicar.com',
      'COPY xmrig /usr/local/bin/xmrig',
      'COPY config.json /root/.docker/config.json',
      'RUN chmod 4755 /usr/local/bin/xmrig',
    ];
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), `${steps.join('\n')}\n`);
    const r = spawnSync('docker', ['build', '-q', '-t', EICAR_REF, ctx], {
      encoding: 'utf8',
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
    });
    if (r.status !== 0) throw new Error(`docker build of ${EICAR_REF} failed: ${r.stderr}`);
  } finally {
    fs.rmSync(ctx, { recursive: true, force: true });
  }
});
afterAll(() => {
  if (dockerOk('image', 'inspect', EICAR_REF)) docker('rmi', '-f', EICAR_REF);
});

describe('nodeapp:v1', () => {
  it('fails 424 naming CLIENT_ID and SECRET_KEY with masked values only', async () => {
    const r = (await evaluate(images.nodeappV1.ref)).get(424);
    expect(r?.status).toBe('fail');
    const text = r?.evidence.join('\n') ?? '';
    expect(text).toContain('CLIENT_ID=');
    expect(text).toContain('SECRET_KEY=~DUU…czn0');
    expect(text).not.toContain(NODEAPP_ENV.SECRET_KEY);
    expect(text).not.toContain(NODEAPP_ENV.CLIENT_ID);
  });

  it('fails 425 with the key path and the layer that added it, and the custom check', async () => {
    const res = await evaluate(images.nodeappV1.ref);
    const keys = res.get(425);
    expect(keys?.status).toBe('fail');
    expect(keys?.evidence).toHaveLength(1);
    expect(keys?.evidence[0]).toMatch(
      /^\/app\/config\/server\.key \(RSA PRIVATE KEY\) — layer \d+: .*COPY .*server\.key/,
    );
    expect(res.get(9100)).toMatchObject({ status: 'fail', custom: true });
    expect(res.get(9100)?.evidence).toContain('stdout: File found!');
    expect(res.get(422)?.status).toBe('pass');
  });

  it('fails 422 once the EICAR test file is added on top', async () => {
    const r = (await evaluate(EICAR_REF)).get(422);
    expect(r?.status).toBe('fail');
    expect(r?.evidence.join('\n')).toMatch(/^\/opt\/eicar\.com \(EICAR-Test-File .*layer \d+: .*COPY/m);
  });
});

describe('hostile additions on top of nodeapp:v1', () => {
  it('a ClamAV .hdb list names its own signature; miner name, setuid and registry credentials fail', async () => {
    const hdb = testdata('fixtures', 'malware', 'eicar.hdb');
    const scan = await scanForCompliance(await openDockerDaemon(EICAR_REF), { malwareLists: [hdb] });
    const res = new Map(
      (await evaluateImage(scan, EICAR_REF, { checkIds: [48, 422, 426, 9001] })).map((r) => [r.checkId, r]),
    );
    expect(res.get(422)?.evidence.join('\n')).toContain('Eicar-Test-Signature (md5 match, list ');
    expect(res.get(426)?.evidence).toContainEqual(
      expect.stringMatching(/^\/usr\/local\/bin\/xmrig \(known crypto-miner file name\)/),
    );
    expect(res.get(48)?.evidence).toContainEqual(
      expect.stringMatching(/^\/usr\/local\/bin\/xmrig \(setuid mode 4755\) — layer \d+: .*chmod 4755/),
    );
    expect(res.get(9001)?.evidence).toEqual([
      expect.stringMatching(/^\/root\/\.docker\/config\.json \(auths for registry\.example\)/),
    ]);
    for (const id of [48, 422, 426, 9001]) expect(res.get(id)?.status, `check ${id}`).toBe('fail');
  });
});

describe('nodeapp:v2', () => {
  it('passes 422, 424, 425 and the custom check', async () => {
    const res = await evaluate(images.nodeappV2.ref);
    for (const id of [422, 424, 425, 9100]) {
      expect(res.get(id), `check ${id}`).toMatchObject({ status: 'pass' });
      expect(res.get(id)?.evidence.length).toBeGreaterThan(0);
    }
  });
});
