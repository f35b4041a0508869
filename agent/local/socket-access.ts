// Who may talk to the local agent: members of one admin group, enforced by the socket file's owner and mode.
// Node cannot read a unix socket peer's credentials (no SO_PEERCRED), so the kernel's permission check on
// connect() is the gate: the socket is root:<group> 0660 and, under the default directory, that directory is
// root:<group> 0750. Anyone who can connect is allowed; everyone else gets EACCES before a byte is exchanged.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const SOCKET_MODE = 0o660;
export const DIR_MODE = 0o750;

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

/** One /etc/group line (name:password:gid:members), or undefined when it is not one. */
export function parseGroupLine(line: string): GroupEntry | undefined {
  const f = line.trim().split(':');
  if (f.length < 4 || f[0] === '' || !/^\d+$/.test(f[2])) return undefined;
  return { name: f[0], gid: Number(f[2]), members: f[3] === '' ? [] : f[3].split(',') };
}

function groupEntries(key: string): GroupEntry[] {
  // getent also sees groups from NSS sources (LDAP, sssd); /etc/group is the fallback where it is missing.
  try {
    const out = execFileSync('getent', ['group', key], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.split('\n').flatMap((l) => parseGroupLine(l) ?? []);
  } catch (err) {
    if ((err as { status?: number }).status === 2) return []; // getent: key not found
  }
  let text = '';
  try {
    text = fs.readFileSync('/etc/group', 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .flatMap((l) => parseGroupLine(l) ?? [])
    .filter((g) => g.name === key || String(g.gid) === key);
}

export function findGroup(name: string): GroupEntry | undefined {
  return groupEntries(name).find((g) => g.name === name);
}

export function groupNameOf(gid: number): string | undefined {
  return groupEntries(String(gid)).find((g) => g.gid === gid)?.name;
}

/** The group the socket is restricted to, or an error that says how to create it. */
export function requireGroup(name: string): GroupEntry {
  if (!/^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/.test(name)) {
    throw new Error(`--group "${name}" is not a valid group name`);
  }
  const g = findGroup(name);
  if (g) return g;
  throw new Error(
    `group "${name}" does not exist. The agent socket is restricted to an admin group: create it with ` +
      `"sudo groupadd --system ${name}" and add each console user with "sudo usermod -aG ${name} <user>" ` +
      `(they log in again to pick it up), or pass an existing group with --group NAME`,
  );
}

/** Refuses to take over a path where another agent answers or that is not a socket; removes a stale socket. */
export async function claimSocketPath(socketPath: string, gid: number): Promise<void> {
  const dir = path.dirname(socketPath);
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
    fs.chownSync(dir, 0, gid);
    fs.chmodSync(dir, DIR_MODE);
  }
  const d = fs.statSync(dir);
  if ((d.mode & 0o002) !== 0 && (d.mode & 0o1000) === 0) {
    // anyone could swap the socket for a symlink before we chown it
    throw new Error(`${dir} is writable by everyone without the sticky bit; pick another --socket directory`);
  }
  let st: fs.Stats;
  try {
    st = fs.lstatSync(socketPath);
  } catch {
    return;
  }
  if (!st.isSocket()) {
    throw new Error(
      `${socketPath} exists and is not a socket; refusing to replace it (remove it or pick another --socket)`,
    );
  }
  if (await answers(socketPath)) {
    throw new Error(
      `another agent is already serving ${socketPath} (stop it first, e.g. "sudo systemctl stop moat-agent")`,
    );
  }
  fs.unlinkSync(socketPath);
}

/** Makes the default directory (root:<group> 0750) traversable by the group, whatever created it before. */
export function restrictDirectory(dir: string, gid: number): void {
  fs.chownSync(dir, 0, gid);
  fs.chmodSync(dir, DIR_MODE);
}

/**
 * Listens on the path so that no one but root can connect until the group and mode are set: the socket is
 * created under umask 0177 (0600 root:root), then given to root:<group> and opened to 0660.
 */
export async function listenRestricted(server: net.Server, socketPath: string, gid: number): Promise<void> {
  const old = process.umask(0o177);
  let listening: Promise<void>;
  try {
    // bind() happens synchronously inside listen(), so the umask applies to the socket file and to nothing else.
    listening = new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } finally {
    process.umask(old);
  }
  await listening;
  fs.lchownSync(socketPath, 0, gid);
  if (!fs.lstatSync(socketPath).isSocket())
    throw new Error(`${socketPath} was replaced while the agent started`);
  fs.chmodSync(socketPath, SOCKET_MODE);
}

function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(socketPath);
    const done = (ok: boolean): void => {
      s.destroy();
      resolve(ok);
    };
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
    s.setTimeout(1000, () => done(false));
  });
}
