// Small helpers for tests that drive the real Docker daemon; they fail loudly when it is missing.
import { execFileSync, spawnSync } from 'node:child_process';

export function requireDocker(): void {
  const r = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(
      `these tests need a running Docker daemon and the docker CLI (docker info failed: ${(r.stderr || r.error?.message || '').trim()}). ` +
        'Start dockerd (as root) or run .ci/run, which installs and starts it.',
    );
  }
}

export function requireRoot(why: string): void {
  if (process.getuid?.() !== 0) throw new Error(`this test needs root: ${why}. Run it as root (CI does).`);
}

export function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim();
}

export function dockerOk(...args: string[]): boolean {
  return spawnSync('docker', args, { stdio: 'ignore' }).status === 0;
}
