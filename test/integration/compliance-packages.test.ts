// Check 448 on a real Debian root filesystem: dpkg md5sums agree with every packaged executable,
// until a build step overwrites one of them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateImage, scanForCompliance, type ComplianceResult } from '../../agent/compliance/evaluate';
import { openDockerDaemon } from '../../agent/scan/image/docker-daemon';
import { docker, dockerOk, requireDocker } from '../setup/docker-cli';
import { testImages } from '../setup/images-env';

requireDocker();
const images = testImages();
const TAMPERED = `moat-test/compliance-tampered:${process.pid}`;

async function check448(ref: string): Promise<ComplianceResult> {
  const scan = await scanForCompliance(await openDockerDaemon(ref));
  const [r] = await evaluateImage(scan, ref, { checkIds: [448] });
  return r;
}

beforeAll(() => {
  const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-tamper-'));
  try {
    fs.writeFileSync(
      path.join(ctx, 'Dockerfile'),
      `FROM ${images.debianVuln.ref}\nRUN cp /bin/true /usr/bin/yes\n`,
    );
    const r = spawnSync('docker', ['build', '-q', '-t', TAMPERED, ctx], {
      encoding: 'utf8',
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
    });
    if (r.status !== 0) throw new Error(`docker build of ${TAMPERED} failed: ${r.stderr}`);
  } finally {
    fs.rmSync(ctx, { recursive: true, force: true });
  }
});
afterAll(() => {
  if (dockerOk('image', 'inspect', TAMPERED)) docker('rmi', '-f', TAMPERED);
});

describe('448 package binaries altered', () => {
  it('passes on the untouched Debian image after comparing hundreds of executables', async () => {
    const r = await check448(images.debianVuln.ref);
    expect(r.status).toBe('pass');
    const n = Number(/^(\d+) package-owned executables match/.exec(r.evidence[0])?.[1] ?? 0);
    expect(n).toBeGreaterThan(100);
  });

  it('fails naming /usr/bin/yes and the RUN step that replaced it', async () => {
    const r = await check448(TAMPERED);
    expect(r.status).toBe('fail');
    expect(r.evidence).toEqual([
      expect.stringMatching(
        /^\/usr\/bin\/yes: md5 [0-9a-f]{32}, dpkg expects [0-9a-f]{32} — layer \d+: .*cp \/bin\/true \/usr\/bin\/yes/,
      ),
    ]);
  });
});
