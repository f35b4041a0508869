// /proc polling fallback: new pids at 10 Hz, container sockets and overlay upper-dir writes at lower rates.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import type { ContainerFacts, Enricher } from '../enrich';
import {
  baseEvent,
  processName,
  type EventSink,
  type RuntimeEvent,
  type Sensor,
  type SensorHealth,
} from '../events';
import { parseProcNet, type ProcSocket } from '../proc-net';
import { readCmdline, readStat, readText, type ProcStat } from '../proc-read';

export const PROCFS_BACKEND = 'procfs';

export interface ProcfsOptions {
  host?: string;
  processHz?: number;
  /** Sockets and files are scanned every N process ticks. */
  slowEvery?: number;
  maxFilesPerContainer?: number;
}

/** How long a new pid is re-read for an exec that follows its fork. */
const YOUNG_MS = 2000;

const NET_TABLES: Array<[string, 'tcp' | 'udp', 'ipv4' | 'ipv6']> = [
  ['tcp', 'tcp', 'ipv4'],
  ['tcp6', 'tcp', 'ipv6'],
  ['udp', 'udp', 'ipv4'],
  ['udp6', 'udp', 'ipv6'],
];

export class ProcfsSensor implements Sensor {
  readonly backend = PROCFS_BACKEND;
  private known = new Map<number, { comm: string; seenAt: number }>();
  private sockets = new Map<string, Set<string>>(); // container → socket keys seen
  private files = new Map<string, Map<string, number>>(); // container → path → mtime
  private listened = new Map<string, Set<string>>(); // container → proto|port ever seen listening
  private timer?: NodeJS.Timeout;
  private ticks = 0;
  private sink?: EventSink;
  private reason?: string;
  private busy = false;
  private readonly host: string;

  constructor(
    private readonly docker: Docker,
    private readonly enricher: Enricher,
    private readonly opts: ProcfsOptions = {},
  ) {
    this.host = opts.host ?? os.hostname();
  }

  async start(onEvent: EventSink): Promise<void> {
    this.sink = onEvent;
    this.scanProcesses(true);
    const ms = Math.round(1000 / (this.opts.processHz ?? 10));
    this.timer = setInterval(() => void this.tick(), ms);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  health(): SensorHealth {
    return {
      backend: this.backend,
      running: !!this.timer,
      restarts: 0,
      lost: 0,
      ...(this.reason ? { reason: this.reason } : {}),
    };
  }

  private async tick(): Promise<void> {
    if (this.busy) return; // a slow scan is still running; skipping beats piling up
    this.busy = true;
    try {
      this.scanProcesses(false);
      if (this.ticks++ % (this.opts.slowEvery ?? 5) === 0) await this.scanContainers();
      delete this.reason;
    } catch (err) {
      this.reason = `procfs scan failed: ${(err as Error).message}`;
    } finally {
      this.busy = false;
    }
  }

  /**
   * The first scan only records what runs; later scans report new pids as execs and vanished ones as exits.
   * Young pids are re-read for a while: fork-then-exec shows first as the parent's image (or runc's init)
   * and only a tick later as the program that was exec'd.
   */
  private scanProcesses(baseline: boolean): void {
    const seen = new Set<number>();
    const now = Date.now();
    for (const name of fs.readdirSync('/proc')) {
      const pid = Number(name);
      if (!Number.isInteger(pid) || pid <= 0) continue;
      seen.add(pid);
      const prev = this.known.get(pid);
      if (prev && (baseline || now - prev.seenAt > YOUNG_MS)) continue; // settled: one readdir is all it costs
      const st = readStat(pid);
      if (!st) continue;
      if (prev && prev.comm === st.comm) continue;
      this.known.set(pid, { comm: st.comm, seenAt: prev?.seenAt ?? now });
      if (baseline || st.comm.startsWith('runc:')) continue; // the runtime's init has not exec'd the command yet
      this.emitExec(pid, st);
    }
    for (const pid of this.known.keys()) {
      if (!seen.has(pid)) {
        this.known.delete(pid);
        if (!baseline) this.emit({ kind: 'exit', pid });
      }
    }
  }

  private emitExec(pid: number, st: ProcStat): void {
    const argv = readCmdline(pid);
    const uidLine = /^Uid:\s+(\d+)/m.exec(readText(`/proc/${pid}/status`, 8192) ?? '');
    let exe = '';
    try {
      exe = fs.readlinkSync(`/proc/${pid}/exe`);
    } catch {
      exe = argv[0] ?? st.comm;
    }
    this.emit({
      kind: 'exec',
      pid,
      ppid: st.ppid,
      uid: uidLine ? Number(uidLine[1]) : 0,
      // busybox applets all resolve to /bin/busybox; argv[0] names the applet
      exe: exe.endsWith('/busybox') && argv[0] ? argv[0] : exe,
      name: processName(argv[0], st.comm, exe),
      argv,
    });
  }

  private async scanContainers(): Promise<void> {
    const list = await this.docker.listContainers({ filters: { status: ['running'] } });
    const live = new Set(list.map((c) => c.Id));
    for (const id of [...this.sockets.keys()]) if (!live.has(id)) this.sockets.delete(id);
    for (const id of [...this.files.keys()]) if (!live.has(id)) this.files.delete(id);
    for (const id of [...this.listened.keys()]) if (!live.has(id)) this.listened.delete(id);
    for (const c of list) {
      const facts = await this.enricher.container(c.Id);
      if (!facts || facts.initPid <= 0) continue;
      this.scanSockets(facts);
      this.scanUpperDir(facts);
    }
  }

  /** A socket is new when its key was not there on the previous scan, so a listener that comes back is seen again. */
  private scanSockets(facts: ContainerFacts): void {
    const prev = this.sockets.get(facts.id) ?? new Set<string>();
    const now = new Set<string>();
    const all: ProcSocket[] = [];
    for (const [file, proto, family] of NET_TABLES) {
      const text = readText(`/proc/${facts.initPid}/net/${file}`, 4 << 20);
      if (text) all.push(...parseProcNet(text, proto, family));
    }
    // Connections we accepted are inbound, not outbound: their local port is (or was) a listening port, or,
    // for a pair inside this namespace (loopback), they are the end whose port is not the ephemeral one.
    let listened = this.listened.get(facts.id);
    if (!listened) this.listened.set(facts.id, (listened = new Set()));
    for (const s of all) if (s.state === 'listen') listened.add(`${s.proto}|${s.localPort}`);
    const ends = new Set(
      all.map((s) => `${s.proto}|${s.localAddr}|${s.localPort}|${s.remoteAddr}|${s.remotePort}`),
    );
    const inbound = (s: ProcSocket): boolean =>
      listened.has(`${s.proto}|${s.localPort}`) ||
      (ends.has(`${s.proto}|${s.remoteAddr}|${s.remotePort}|${s.localAddr}|${s.localPort}`) &&
        s.localPort < s.remotePort);
    for (const s of all) {
      if (s.state !== 'listen' && inbound(s)) continue;
      const key = socketKey(s);
      if (!key || now.has(key)) continue;
      now.add(key);
      if (prev.has(key)) continue;
      if (s.state === 'listen') {
        this.emit({
          kind: 'listen',
          containerId: facts.id,
          addr: s.localAddr,
          port: s.localPort,
          family: s.family,
        });
      } else if (s.remotePort !== 0) {
        this.emit({
          kind: 'connect',
          containerId: facts.id,
          addr: s.remoteAddr,
          port: s.remotePort,
          family: s.family,
        });
      }
    }
    this.sockets.set(facts.id, now);
  }

  /** New or changed files in the container's writable layer, found by walking it (bounded). */
  private scanUpperDir(facts: ContainerFacts): void {
    if (!facts.upperDir) return;
    const prev = this.files.get(facts.id);
    const next = new Map<string, number>();
    const max = this.opts.maxFilesPerContainer ?? 20_000;
    const stack = ['/'];
    while (stack.length > 0 && next.size < max) {
      const rel = stack.pop()!;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(path.join(facts.upperDir, rel), { withFileTypes: true });
      } catch {
        continue;
      }
      for (const d of entries) {
        const p = path.posix.join(rel, d.name);
        if (d.isDirectory()) {
          stack.push(p);
          continue;
        }
        let st: fs.Stats;
        try {
          st = fs.lstatSync(path.join(facts.upperDir, p));
        } catch {
          continue;
        }
        const mtime = st.mtimeMs;
        // overlayfs records a deleted lower file as a 0/0 character device (a whiteout)
        const whiteout = st.isCharacterDevice() && st.rdev === 0;
        next.set(p, mtime);
        const before = prev?.get(p);
        if (before === undefined || before !== mtime) {
          this.emit({
            kind: 'file-write',
            containerId: facts.id,
            path: p,
            op: whiteout ? 'unlink' : before === undefined ? 'create' : 'modify',
          });
        }
      }
    }
    this.files.set(facts.id, next);
  }

  private emit(fields: Partial<RuntimeEvent> & { kind: RuntimeEvent['kind'] }): void {
    this.sink?.(baseEvent(this.backend, fields.kind, this.host, fields));
  }
}

function socketKey(s: ProcSocket): string | undefined {
  if (s.state === 'listen') return `L|${s.proto}|${s.localPort}`;
  if (s.state === 'established' || s.state === 'syn-sent')
    return `C|${s.proto}|${s.remoteAddr}|${s.remotePort}`;
  return undefined;
}
