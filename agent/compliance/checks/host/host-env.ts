// Where host and daemon checks read from. Everything goes through this object so specs can point
// the checks at a crafted directory tree and canned command output instead of the real host.
import { spawn } from 'node:child_process';
import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';

export interface RunResult {
  /** null when the command could not be started (not installed). */
  status: number | null;
  stdout: string;
  stderr: string;
}

export type Runner = (cmd: string, args: readonly string[]) => Promise<RunResult>;

export interface HostEnv {
  /** Prefix for every host path ("/" on the real host, a fixture directory in specs). */
  root: string;
  run: Runner;
}

const MAX_OUTPUT = 8 * 1024 * 1024;
const RUN_TIMEOUT_MS = 20_000;

/** Run a command without a shell, bounded in time and output; a missing binary gives status null. */
export const runCommand: Runner = (cmd, args) =>
  new Promise((resolve) => {
    const child = spawn(cmd, [...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: RUN_TIMEOUT_MS });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      if (stdout.length < MAX_OUTPUT) stdout += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < MAX_OUTPUT) stderr += d.toString('utf8');
    });
    child.on('error', (e) => resolve({ status: null, stdout, stderr: `${cmd}: ${e.message}` }));
    child.on('close', (code) => resolve({ status: code ?? 1, stdout, stderr }));
  });

export function realHost(): HostEnv {
  return { root: '/', run: runCommand };
}

export function hostPath(env: HostEnv, p: string): string {
  return path.join(env.root, p);
}

/** File text, or null when the file does not exist; other errors (permission) are thrown. */
export async function readHostFile(env: HostEnv, p: string): Promise<string | null> {
  try {
    return await fs.readFile(hostPath(env, p), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

export async function statHost(env: HostEnv, p: string): Promise<Stats | null> {
  try {
    return await fs.lstat(hostPath(env, p));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
