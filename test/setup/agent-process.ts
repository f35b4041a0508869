// Starts `moat agent --local` from the built CLI, as an administrator would, and waits until its sensors report.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface AgentProcess {
  child: ChildProcess;
  output(): string;
  /** SIGTERM, then wait for it to exit (it removes its socket on the way out). */
  stop(): Promise<void>;
}

/** Resolves once the agent printed "sensors running" or "sensors failed"; rejects if it exits first. */
export async function startAgent(
  socket: string,
  group: string,
  env: Record<string, string> = {},
): Promise<AgentProcess> {
  const root = path.resolve(__dirname, '../..');
  const child = spawn(
    process.execPath,
    [path.join(root, 'bin', 'moat'), 'agent', '--local', '--socket', socket, '--group', group],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    // bpftrace takes seconds to attach, more on a loaded host
    const timer = setTimeout(
      () => reject(new Error(`moat agent did not report its sensors in 90 s: ${out}`)),
      90_000,
    );
    const onExit = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`moat agent exited with ${code}: ${out}`));
    };
    child.stdout!.on('data', () => {
      if (/sensors (running|failed)/.test(out)) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve();
      }
    });
    child.once('exit', onExit);
  });
  return {
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    },
  };
}

/** Children of a process (the agent's bpftrace), so that a test killing the agent hard leaves nothing behind. */
export function childrenOf(pid: number): number[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter((s) => s !== '')
      .map(Number);
  } catch {
    return [];
  }
}
