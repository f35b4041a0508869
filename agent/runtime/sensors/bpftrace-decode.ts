// Turns bpftrace -f json lines from resources/bpftrace/runtime.bt into normalized events.
// Stateful only where the kernel splits one fact over several syscalls (execve enter/exit, bind then listen).
import { decodeQname, unescapeBpftraceBuf } from '../dns-name';
import { baseEvent, processName, resolveExe, type FileOp, type RuntimeEvent } from '../events';

export const BPFTRACE_BACKEND = 'ebpf';

export type DecodedLine =
  | { type: 'events'; events: RuntimeEvent[] }
  | { type: 'lost'; count: number }
  | { type: 'attached'; probes: number }
  | { type: 'error'; message: string }
  | { type: 'ignored' };

interface PendingExec {
  pid: number;
  ppid: number;
  uid: number;
  comm: string;
  filename: string;
  argv: string[];
  mntns?: number;
}

interface Bound {
  family: 'ipv4' | 'ipv6';
  addr: string;
  port: number;
}

const MAX_PENDING = 4096;
/** How long an execve exit that arrived before its enter waits for it (see `early`): CPU buffers can be read
 * seconds apart when bpftrace's output backs up. */
const EARLY_EXIT_MS = 30_000;
const FILE_OPS: Record<string, FileOp> = {
  create: 'create',
  'open-write': 'open-write',
  rename: 'rename',
  unlink: 'unlink',
};

/** Ports arrive in network byte order as a host-order u16. */
export function swapPort(raw: number): number {
  return ((raw & 0xff) << 8) | ((raw >> 8) & 0xff);
}

function int(field: string | undefined, what: string, line: string): number {
  const n = Number(field);
  if (field === undefined || field === '' || !Number.isInteger(n)) {
    throw new Error(`bpftrace record "${line.slice(0, 80)}": ${what} is not an integer (${String(field)})`);
  }
  return n;
}

function optInt(field: string | undefined): number | undefined {
  const n = Number(field);
  return field && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

const ns = (mntns: number | undefined): { mntns?: number } => (mntns ? { mntns } : {});

export class BpftraceDecoder {
  private pending = new Map<number, PendingExec>();
  /**
   * execve exits read before their enter record: the kernel may move a task to another CPU during execve, and
   * bpftrace reads each CPU's buffer in turn, so the exit can come first. tid → exit code and when it came.
   */
  private early = new Map<number, { ret: number; at: number }>();
  private bound = new Map<string, Bound>();

  constructor(
    private readonly host: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** One line of bpftrace's JSON output. Malformed lines yield 'error', never a throw. */
  decode(line: string): DecodedLine {
    const trimmed = line.trim();
    if (trimmed === '') return { type: 'ignored' };
    const textLost = /^Lost (\d+) events/.exec(trimmed); // the plain-text notice, should one reach stdout
    if (textLost) return { type: 'lost', count: Number(textLost[1]) };
    let msg: unknown;
    try {
      msg = JSON.parse(trimmed);
    } catch {
      return { type: 'error', message: `bpftrace output is not JSON: ${trimmed.slice(0, 120)}` };
    }
    if (typeof msg !== 'object' || msg === null)
      return { type: 'error', message: 'bpftrace output is not an object' };
    const { type, data } = msg as { type?: unknown; data?: unknown };
    if (type === 'lost_events') {
      const n = (data as { events?: unknown } | null)?.events;
      return { type: 'lost', count: typeof n === 'number' && n > 0 ? n : 1 };
    }
    if (type === 'attached_probes') {
      const n = (data as { probes?: unknown } | null)?.probes;
      return { type: 'attached', probes: typeof n === 'number' ? n : 0 };
    }
    if (type !== 'printf' || typeof data !== 'string') return { type: 'ignored' };
    try {
      return { type: 'events', events: this.record(data.replace(/\n$/, '')) };
    } catch (err) {
      return { type: 'error', message: (err as Error).message };
    }
  }

  private exec(p: PendingExec): RuntimeEvent {
    return baseEvent(BPFTRACE_BACKEND, 'exec', this.host, {
      pid: p.pid,
      ppid: p.ppid,
      uid: p.uid,
      exe: resolveExe(p.filename, p.argv[0]),
      name: processName(p.argv[0], p.comm, p.filename),
      argv: p.argv,
      execComm: p.comm,
      ...ns(p.mntns),
    });
  }

  private record(line: string): RuntimeEvent[] {
    const f = line.split('\t');
    const ev = (kind: RuntimeEvent['kind'], fields: Partial<RuntimeEvent>): RuntimeEvent =>
      baseEvent(BPFTRACE_BACKEND, kind, this.host, fields);
    switch (f[0]) {
      case 'E': {
        const tid = int(f[2], 'tid', line);
        const p: PendingExec = {
          pid: int(f[1], 'pid', line),
          ppid: int(f[3], 'ppid', line),
          uid: int(f[4], 'uid', line),
          comm: f[5] ?? '',
          filename: f[6] ?? '',
          argv: [f[7] ?? '', f[8] ?? ''].filter((a, i) => i === 0 || a !== ''),
          mntns: optInt(f[9]),
        };
        const exit = this.early.get(tid);
        if (exit) {
          this.early.delete(tid);
          // Its exit came first: complete now (a third and later argv, sent after this record, are not added).
          if (this.now() - exit.at <= EARLY_EXIT_MS) return exit.ret === 0 ? [this.exec(p)] : [];
        }
        if (this.pending.size >= MAX_PENDING) this.pending.clear(); // exits we never saw; bounded memory wins
        this.pending.set(tid, p);
        return [];
      }
      case 'A': {
        const p = this.pending.get(int(f[2], 'tid', line));
        if (p && p.argv.length >= 2) {
          for (const a of f.slice(3, 6)) {
            if (a === '') break; // NULL ends argv; what follows is unrelated memory
            p.argv.push(a);
          }
        }
        return [];
      }
      case 'X': {
        const tid = int(f[2], 'tid', line);
        const ret = int(f[3], 'ret', line);
        const p = this.pending.get(tid);
        this.pending.delete(tid);
        if (!p) {
          if (this.early.size >= MAX_PENDING) this.early.clear();
          this.early.set(tid, { ret, at: this.now() });
          return [];
        }
        if (ret !== 0) return []; // failed exec: a PATH search miss, not a process
        return [this.exec(p)];
      }
      case 'Q': {
        const pid = int(f[1], 'pid', line);
        for (const k of this.bound.keys()) if (k.startsWith(`${pid}:`)) this.bound.delete(k);
        return [
          ev('exit', {
            pid,
            ppid: int(f[2], 'ppid', line),
            uid: int(f[3], 'uid', line),
            name: f[4] ?? '',
            ...ns(optInt(f[5])),
          }),
        ];
      }
      case 'C':
        return [
          ev('connect', {
            pid: int(f[1], 'pid', line),
            ppid: int(f[2], 'ppid', line),
            uid: int(f[3], 'uid', line),
            name: f[4] ?? '',
            family: f[6] === '6' ? 'ipv6' : 'ipv4',
            addr: f[7] ?? '',
            port: swapPort(int(f[8], 'port', line)),
            ...ns(optInt(f[9])),
          }),
        ];
      case 'B': {
        if (this.bound.size >= MAX_PENDING) this.bound.clear();
        this.bound.set(`${int(f[1], 'pid', line)}:${int(f[2], 'fd', line)}`, {
          family: f[3] === '6' ? 'ipv6' : 'ipv4',
          addr: f[4] ?? '',
          port: swapPort(int(f[5], 'port', line)),
        });
        return [];
      }
      case 'L': {
        const pid = int(f[1], 'pid', line);
        const b = this.bound.get(`${pid}:${int(f[5], 'fd', line)}`);
        return [
          ev('listen', {
            pid,
            ppid: int(f[2], 'ppid', line),
            uid: int(f[3], 'uid', line),
            name: f[4] ?? '',
            ...(b ? { family: b.family, addr: b.addr, port: b.port } : {}),
            ...ns(optInt(f[6])),
          }),
        ];
      }
      case 'D': {
        const query = decodeQname(unescapeBpftraceBuf(f.slice(7).join('\t')));
        if (!query) return [];
        return [
          ev('dns', {
            pid: int(f[1], 'pid', line),
            ppid: int(f[2], 'ppid', line),
            uid: int(f[3], 'uid', line),
            name: f[4] ?? '',
            query,
            ...ns(optInt(f[6])),
          }),
        ];
      }
      case 'F': {
        const op = FILE_OPS[f[5] ?? ''];
        if (!op) throw new Error(`bpftrace file record: unknown op "${f[5]}"`);
        return [
          ev('file-write', {
            pid: int(f[1], 'pid', line),
            ppid: int(f[2], 'ppid', line),
            uid: int(f[3], 'uid', line),
            name: f[4] ?? '',
            op,
            path: f[6] ?? '',
            ...(f[7] ? { detail: `from ${f[7]}` } : {}),
            ...ns(optInt(f[8])),
          }),
        ];
      }
      default:
        throw new Error(`bpftrace record has an unknown tag "${(f[0] ?? '').slice(0, 8)}"`);
    }
  }
}
