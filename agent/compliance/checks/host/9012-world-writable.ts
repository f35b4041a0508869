// World-writable files in system directories let any local user replace what root runs.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { errored, failIfAny, type ComplianceCheck } from '../../types';
import { errorText, hostPath, type HostEnv } from './host-env';

export const SYSTEM_DIRS = ['/usr/bin', '/usr/sbin', '/bin', '/sbin', '/etc'];
const MAX_ENTRIES = 200_000;
const MAX_REPORTED = 50;

/** Paths (host-absolute) of world-writable files and directories, symlinks excluded, not followed. */
export async function worldWritable(env: HostEnv, dirs: readonly string[] = SYSTEM_DIRS): Promise<string[]> {
  const found: string[] = [];
  const seen = new Set<string>();
  let count = 0;
  const stack = [...dirs];
  while (stack.length > 0 && count < MAX_ENTRIES) {
    const dir = stack.pop() as string;
    const real = hostPath(env, dir);
    let st;
    try {
      st = await fs.lstat(real);
    } catch {
      continue;
    }
    // /bin is often a symlink to /usr/bin: walk each real directory once.
    if (st.isSymbolicLink() || seen.has(`${st.dev}:${st.ino}`)) continue;
    seen.add(`${st.dev}:${st.ino}`);
    let names: string[];
    try {
      names = await fs.readdir(real);
    } catch {
      continue;
    }
    for (const n of names) {
      count++;
      const p = path.posix.join(dir, n);
      let s;
      try {
        s = await fs.lstat(hostPath(env, p));
      } catch {
        continue;
      }
      if (s.isSymbolicLink()) continue;
      const sticky = (s.mode & 0o1000) !== 0;
      if ((s.mode & 0o002) !== 0 && !(s.isDirectory() && sticky))
        found.push(`${p} (mode ${(s.mode & 0o7777).toString(8)})`);
      if (s.isDirectory()) stack.push(p);
    }
  }
  return found.sort();
}

export const worldWritableFiles: ComplianceCheck<'host'> = {
  id: 9012,
  kind: 'host',
  async evaluate(env) {
    try {
      const found = await worldWritable(env);
      const shown =
        found.length > MAX_REPORTED
          ? [...found.slice(0, MAX_REPORTED), `… and ${found.length - MAX_REPORTED} more`]
          : found;
      return failIfAny(shown, `no world-writable files in ${SYSTEM_DIRS.join(', ')}`);
    } catch (e) {
      return errored(`walking system directories failed: ${errorText(e)}`);
    }
  },
};
