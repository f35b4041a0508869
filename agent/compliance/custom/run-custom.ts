// Runs a custom check's script with `sh` in a throwaway container of the image: no network, read-only
// root, no capabilities, no privilege gain, 64 MiB, 64 pids, the script bind-mounted read-only.
// Exit 0 = pass, any other exit = fail; a run past the time limit is killed and reported as error.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CheckOutcome } from '../types';
import type { CustomCheck } from './custom-check';

export interface RunCustomOptions {
  /** Time limit in milliseconds (default 30 s). */
  timeoutMs?: number;
  dockerBin?: string;
}

const MAX_OUTPUT = 16 * 1024;
const SCRIPT_IN_CONTAINER = '/moat-check/check.sh';

/** The `docker run` arguments, exported so a spec pins the lock-down flags. */
export function customRunArgs(name: string, scriptFile: string, image: string): string[] {
  return [
    'run',
    '--rm',
    '--name',
    name,
    '--network',
    'none',
    '--read-only',
    '--cap-drop',
    'ALL',
    '--security-opt',
    'no-new-privileges',
    '--memory',
    '64m',
    '--pids-limit',
    '64',
    '--label',
    'moat.custom-check=1',
    '-v',
    `${scriptFile}:${SCRIPT_IN_CONTAINER}:ro`,
    '--entrypoint',
    'sh',
    image,
    SCRIPT_IN_CONTAINER,
  ];
}

function clip(s: string): string {
  return s.length > MAX_OUTPUT ? `${s.slice(0, MAX_OUTPUT)}… (truncated)` : s;
}

function outputEvidence(stdout: string, stderr: string): string[] {
  return [
    ...clip(stdout)
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => `stdout: ${l}`),
    ...clip(stderr)
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => `stderr: ${l}`),
  ].slice(0, 50);
}

export async function runCustomCheck(
  check: CustomCheck,
  image: string,
  opts: RunCustomOptions = {},
): Promise<CheckOutcome> {
  const dockerBin = opts.dockerBin ?? 'docker';
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'moat-check-'));
  const scriptFile = path.join(dir, 'check.sh');
  const name = `moat-check-${check.id}-${randomBytes(6).toString('hex')}`;
  try {
    await fs.chmod(dir, 0o755);
    await fs.writeFile(scriptFile, check.script, { mode: 0o644 });
    const r = await runBounded(dockerBin, customRunArgs(name, scriptFile, image), timeoutMs, () => {
      // The CLI dying does not stop the container: kill it by its unique name.
      spawnSync(dockerBin, ['rm', '-f', name], { stdio: 'ignore' });
    });
    if (r.timedOut)
      return {
        status: 'error',
        evidence: outputEvidence(r.stdout, r.stderr),
        reason: `custom check ${check.id} timed out after ${timeoutMs} ms and was killed`,
      };
    if (r.spawnError)
      return { status: 'error', evidence: [], reason: `cannot run ${dockerBin}: ${r.spawnError}` };
    // 125: docker itself failed; 126/127: the image has no usable `sh`.
    if (r.code === 125 || r.code === 126 || r.code === 127)
      return {
        status: 'error',
        evidence: outputEvidence(r.stdout, r.stderr),
        reason: `custom check ${check.id} could not run in ${image} (exit ${r.code}${r.code === 125 ? ': docker run failed' : ': no usable sh in the image'})`,
      };
    const evidence = [`exit ${r.code}`, ...outputEvidence(r.stdout, r.stderr)];
    return r.code === 0 ? { status: 'pass', evidence } : { status: 'fail', evidence };
  } finally {
    await removeContainer(dockerBin, name);
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/**
 * A killed `docker run` may still be creating its container, and `--rm` removal takes a moment: remove by name
 * until the daemon no longer lists it (bounded), so no check container outlives its check.
 */
async function removeContainer(dockerBin: string, name: string): Promise<void> {
  // A create the killed CLI had already sent can still land: only two empty listings in a row end the wait.
  let emptyInARow = 0;
  for (let attempt = 0; attempt < 40 && emptyInARow < 2; attempt++) {
    spawnSync(dockerBin, ['rm', '-f', name], { stdio: 'ignore' });
    const left = spawnSync(dockerBin, ['ps', '-aq', '--filter', `name=^/${name}$`], { encoding: 'utf8' });
    if (left.status !== 0) return;
    emptyInARow = left.stdout.trim() === '' ? emptyInARow + 1 : 0;
    if (emptyInARow < 2) await new Promise((r) => setTimeout(r, 250));
  }
}

interface Bounded {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  spawnError?: string;
}

function runBounded(cmd: string, args: string[], timeoutMs: number, onTimeout: () => void): Promise<Bounded> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => {
      if (stdout.length < MAX_OUTPUT * 2) stdout += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < MAX_OUTPUT * 2) stderr += d.toString('utf8');
    });
    const timer = setTimeout(() => {
      timedOut = true;
      onTimeout();
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr, timedOut, spawnError: e.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}
