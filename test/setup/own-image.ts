// An image of a test's own: the same layers as a test image under a new id. Container models are per image and
// other suites run busybox containers on this host too; an own id keeps their processes out of the test's model.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testdata } from './testdata';

export function buildOwnImage(from: string, tag: string): string {
  const built = spawnSync('docker', ['build', '-q', '--label', `moat.test.own=${tag}`, '-t', tag, '-'], {
    input: `FROM ${from}\n`,
    encoding: 'utf8',
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
  });
  if (built.status !== 0) throw new Error(`docker build of ${tag} from ${from} failed: ${built.stderr}`);
  return tag;
}

export function removeImage(tag: string): void {
  spawnSync('docker', ['rmi', '-f', tag]);
}

/**
 * `from` plus the test EICAR file at `dest` (and any further Dockerfile lines), built from a throwaway
 * context: the malware tests' images.
 */
export function buildEicarImage(from: string, tag: string, dest: string, extraLines: string[] = []): string {
  const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-eicar-ctx-'));
  try {
    fs.copyFileSync(testdata('fixtures', 'malware', 'eicar.com'), path.join(ctx, 'eicar.com'));
    fs.writeFileSync(
      path.join(ctx, 'Dockerfile'),
      [`FROM ${from}`, `COPY eicar.com ${dest}`, ...extraLines, ''].join('\n'),
    );
    const built = spawnSync('docker', ['build', '-q', '-t', tag, ctx], {
      encoding: 'utf8',
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
    });
    if (built.status !== 0) throw new Error(`docker build of ${tag} from ${from} failed: ${built.stderr}`);
    return tag;
  } finally {
    fs.rmSync(ctx, { recursive: true, force: true });
  }
}
