// The built `moat` CLI, run the way a user runs it, for tests.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

export interface MoatRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface MoatOptions {
  /** MOAT_HOME for the run (the console's data directory). */
  home?: string;
  env?: Record<string, string>;
  /** ms; unset = no limit of its own (the test's timeout applies). */
  timeout?: number;
}

export const MOAT_BIN = path.resolve(__dirname, '../../bin/moat');

function envOf(opts: MoatOptions): NodeJS.ProcessEnv {
  return { ...process.env, ...(opts.home ? { MOAT_HOME: opts.home } : {}), ...opts.env };
}

/** Runs to completion, blocking this process. */
export function moatSync(args: string[], opts: MoatOptions = {}): MoatRun {
  const r = spawnSync(process.execPath, [MOAT_BIN, ...args], {
    encoding: 'utf8',
    env: envOf(opts),
    maxBuffer: 256 * 1024 * 1024,
    ...(opts.timeout ? { timeout: opts.timeout } : {}),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The same without blocking this process: a test that also talks to a console over keep-alive HTTP must keep its
 * event loop running, or it cannot see the console close an idle connection and sends on a dead socket.
 */
export function moat(args: string[], opts: MoatOptions = {}): Promise<MoatRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MOAT_BIN, ...args], {
      env: envOf(opts),
      ...(opts.timeout ? { timeout: opts.timeout } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
