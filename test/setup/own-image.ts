// An image of a test's own: the same layers as a test image under a new id. Container models are per image and
// other suites run busybox containers on this host too; an own id keeps their processes out of the test's model.
import { spawnSync } from 'node:child_process';

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
