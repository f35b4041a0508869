// Starts `moat agent --local` from the built CLI, as an administrator would, and waits until its sensors report.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { AuditDto, ModelDetailDto } from '../../electron/contract/index';
import { invokeConsole, type ConsoleTarget } from '../../electron/cli/image-scan/console-client';
import { docker } from './docker-cli';
import { waitFor } from './wait-for';

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

/** Waits until the console's model of the container's image is active, with httpd and port 8080 learned. */
export function waitForHttpdModel(target: ConsoleTarget, container: string): Promise<ModelDetailDto> {
  const imageId = docker('inspect', '--format', '{{.Image}}', container);
  return waitFor('httpd and port 8080 learned, then active', 20_000, async () => {
    const m = await invokeConsole(target, 'models:get', { id: imageId }).catch(() => undefined);
    return m &&
      m.state === 'active' &&
      m.processes.some((p) => p.name === 'httpd') &&
      m.listening.includes(8080)
      ? m
      : undefined;
  });
}

/** Runs `top` in the container and waits for the console's audit of it. */
export function execTopUntilAudited(target: ConsoleTarget, container: string): Promise<AuditDto> {
  docker('exec', container, 'top', '-n', '1');
  return waitFor('an audit for top', 10_000, async () => {
    const page = await invokeConsole(target, 'audits:list', { kind: 'process', search: 'top' });
    return page.items.find((a) => a.what === 'top' && a.container === container);
  });
}
