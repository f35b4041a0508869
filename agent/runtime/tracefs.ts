// bpftrace needs tracefs for syscall tracepoints; on some hosts it is not mounted at boot.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const TRACEFS = '/sys/kernel/tracing';

/** Mounts tracefs when its events directory is missing (root only). Throws a clear error when it cannot. */
export function ensureTracefs(): void {
  if (
    fs.existsSync(`${TRACEFS}/events/syscalls`) ||
    fs.existsSync('/sys/kernel/debug/tracing/events/syscalls')
  )
    return;
  if (process.getuid?.() !== 0) {
    throw new Error(`tracefs is not mounted at ${TRACEFS} and mounting it needs root`);
  }
  try {
    execFileSync('mount', ['-t', 'tracefs', 'nodev', TRACEFS], { stdio: 'pipe' });
  } catch (err) {
    throw new Error(`cannot mount tracefs at ${TRACEFS}: ${(err as Error).message}`);
  }
}

/** Inode of our own mount namespace: the kernel-side filter that keeps host file writes out. */
export function ownMountNamespace(): number {
  const link = fs.readlinkSync('/proc/self/ns/mnt'); // "mnt:[4026531832]"
  const m = /\[(\d+)\]/.exec(link);
  if (!m) throw new Error(`/proc/self/ns/mnt points at "${link}", not mnt:[<inode>]`);
  return Number(m[1]);
}
