// eBPF sensor: one supervised bpftrace process running resources/bpftrace/runtime.bt with JSON output.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { baseEvent, type EventSink, type Sensor, type SensorHealth } from '../events';
import { ensureTracefs, ownMountNamespace } from '../tracefs';
import { BPFTRACE_BACKEND, BpftraceDecoder } from './bpftrace-decode';

export interface BpftraceOptions {
  /** Path of runtime.bt; default: $MOAT_RESOURCES/bpftrace/runtime.bt, else ./resources/bpftrace/runtime.bt. */
  programPath?: string;
  bpftrace?: string;
  host?: string;
  backoffMinMs?: number;
  backoffMaxMs?: number;
}

const STABLE_MS = 30_000;
/** Kernel-side buffer for all CPUs together; see perfRingPages. */
const RING_BUDGET_BYTES = 32 * 1024 * 1024;

/**
 * Perf ring-buffer pages per CPU for bpftrace (its default, 64, is 256 KiB): a larger buffer rides out the
 * moments when this process does not read bpftrace's output (a busy host, a slow disk under SQLite), which
 * otherwise become lost events. A power of two, 64 to 1024, within RING_BUDGET_BYTES over all CPUs.
 */
export function perfRingPages(cpus: number, pageSize = 4096): number {
  const fit = RING_BUDGET_BYTES / pageSize / Math.max(1, cpus);
  let pages = 64;
  while (pages * 2 <= Math.min(fit, 1024)) pages *= 2;
  return pages;
}

export function defaultProgramPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.MOAT_RESOURCES ?? path.resolve('resources');
  return path.join(base, 'bpftrace', 'runtime.bt');
}

export class BpftraceSensor implements Sensor {
  readonly backend = BPFTRACE_BACKEND;
  private child?: ChildProcess;
  private sink?: EventSink;
  private stopped = true;
  private restarts = 0;
  private lost = 0;
  private reason?: string;
  private attached = false;
  private timer?: NodeJS.Timeout;
  private backoffMs: number;
  private startedAt = 0;
  private readonly host: string;

  constructor(private readonly opts: BpftraceOptions = {}) {
    this.host = opts.host ?? os.hostname();
    this.backoffMs = opts.backoffMinMs ?? 500;
  }

  /** Resolves once the probes are attached, or rejects with bpftrace's own complaint. */
  async start(onEvent: EventSink): Promise<void> {
    ensureTracefs();
    this.sink = onEvent;
    this.stopped = false;
    await this.launch();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null) {
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGINT');
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      await gone;
      clearTimeout(t);
    }
  }

  health(): SensorHealth {
    return {
      backend: this.backend,
      running: !!this.child && this.attached,
      restarts: this.restarts,
      lost: this.lost,
      ...(this.reason ? { reason: this.reason } : {}),
    };
  }

  /** The bpftrace child's pid (tests kill it to exercise the supervisor). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  private launch(): Promise<void> {
    const program = this.opts.programPath ?? defaultProgramPath();
    const decoder = new BpftraceDecoder(this.host);
    const child = spawn(
      this.opts.bpftrace ?? 'bpftrace',
      ['-f', 'json', program, String(ownMountNamespace())],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        // An explicit BPFTRACE_PERF_RB_PAGES from the environment wins.
        env: { BPFTRACE_PERF_RB_PAGES: String(perfRingPages(os.availableParallelism())), ...process.env },
      },
    );
    this.child = child;
    this.attached = false;
    this.startedAt = Date.now();
    let stderr = '';
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (err?: Error): void => {
        if (settled) return;
        settled = true;
        if (err) reject(err);
        else resolve();
      };
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (c: string) => {
        for (const m of c.matchAll(/Lost (\d+) events/g)) this.lost += Number(m[1]);
        stderr = (stderr + c).slice(-4000);
      });
      readline.createInterface({ input: child.stdout! }).on('line', (line) => {
        const d = decoder.decode(line);
        if (d.type === 'events') for (const e of d.events) this.sink?.(e);
        else if (d.type === 'lost') this.lost += d.count;
        else if (d.type === 'attached') {
          this.attached = true;
          delete this.reason;
          settle();
        } else if (d.type === 'error') this.reason = d.message;
      });
      child.on('error', (err) => {
        this.reason = `cannot run bpftrace: ${err.message}`;
        settle(new Error(this.reason));
      });
      child.on('exit', (code, signal) => {
        if (this.child !== child) return settle();
        this.child = undefined;
        this.attached = false;
        const why = `bpftrace exited (${signal ?? `code ${code}`})${stderrTail(stderr)}`;
        this.reason = why;
        if (!settled) return settle(new Error(`${program}: ${why}`));
        if (!this.stopped) this.scheduleRestart(why);
      });
    });
  }

  private scheduleRestart(why: string): void {
    if (Date.now() - this.startedAt > STABLE_MS) this.backoffMs = this.opts.backoffMinMs ?? 500;
    this.sink?.(
      baseEvent(this.backend, 'sensor', this.host, {
        detail: `gap: ${why}; restarting in ${this.backoffMs} ms`,
      }),
    );
    this.timer = setTimeout(() => {
      if (this.stopped) return;
      this.restarts++;
      this.launch().catch((err: Error) => {
        this.reason = err.message;
        if (!this.stopped) this.scheduleRestart(err.message);
      });
    }, this.backoffMs);
    this.backoffMs = Math.min(this.backoffMs * 2, this.opts.backoffMaxMs ?? 10_000);
  }
}

function stderrTail(stderr: string): string {
  const lines = stderr
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.includes('RLIMIT_MEMLOCK') && !l.includes('WARNING'))
    .slice(-3);
  return lines.length > 0 ? `: ${lines.join(' | ')}` : '';
}
