// Small pure readers of /proc text and their file-reading wrappers.
import fs from 'node:fs';

const CONTAINER_ID = /(?:\/docker\/|docker-)([0-9a-f]{64})(?:\.scope)?$/;

/** Container id from /proc/<pid>/cgroup text (cgroup v1 ".../docker/<id>", systemd "docker-<id>.scope"). */
export function containerIdFromCgroup(text: string): string | undefined {
  for (const line of text.split('\n')) {
    const m = CONTAINER_ID.exec(line.trim());
    if (m) return m[1];
  }
  return undefined;
}

export interface ProcStat {
  pid: number;
  comm: string;
  ppid: number;
  startTime: number;
}

/** /proc/<pid>/stat: comm may hold spaces and parentheses, so split at the last ')'. */
export function parseProcStat(text: string): ProcStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const pid = Number(text.slice(0, open).trim());
  const rest = text.slice(close + 2).split(' ');
  const ppid = Number(rest[1]);
  const startTime = Number(rest[19]);
  if (!Number.isInteger(pid) || !Number.isInteger(ppid)) return undefined;
  return {
    pid,
    comm: text.slice(open + 1, close),
    ppid,
    startTime: Number.isFinite(startTime) ? startTime : 0,
  };
}

/** uid → name from /etc/passwd text; malformed lines are skipped. */
export function parsePasswd(text: string): Map<number, string> {
  const users = new Map<number, string>();
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 7 || f[0] === '' || !/^\d+$/.test(f[2])) continue;
    if (!users.has(Number(f[2]))) users.set(Number(f[2]), f[0]);
  }
  return users;
}

export function readText(path: string, max = 1 << 20): string | undefined {
  try {
    const fd = fs.openSync(path, 'r');
    try {
      const buf = Buffer.alloc(max);
      const n = fs.readSync(fd, buf, 0, max, null);
      return buf.subarray(0, n).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined; // the process is gone or not ours to read: callers treat it as unknown
  }
}

export function readStat(pid: number): ProcStat | undefined {
  const t = readText(`/proc/${pid}/stat`, 4096);
  return t ? parseProcStat(t) : undefined;
}

export function readCmdline(pid: number): string[] {
  const t = readText(`/proc/${pid}/cmdline`, 16384);
  return t ? t.split('\0').filter((s, i, a) => s !== '' || i < a.length - 1) : [];
}

export function mountNamespaceOf(pid: number): number | undefined {
  try {
    const m = /\[(\d+)\]/.exec(fs.readlinkSync(`/proc/${pid}/ns/mnt`));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}
