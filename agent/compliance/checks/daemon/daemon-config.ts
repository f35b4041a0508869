// Reading the Docker daemon's configuration: /etc/docker/daemon.json and `docker info`.
import { promises as fs } from 'node:fs';
import { hostPath, readHostFile, type HostEnv } from '../host/host-env';

export type DaemonJson = Record<string, unknown>;

/** daemon.json as an object; {} when absent (defaults apply); an error naming the file when invalid. */
export async function readDaemonJson(env: HostEnv): Promise<{ config: DaemonJson; exists: boolean }> {
  const text = await readHostFile(env, '/etc/docker/daemon.json');
  if (text === null) return { config: {}, exists: false };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(
      `/etc/docker/daemon.json is not valid JSON (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new Error('/etc/docker/daemon.json is not a JSON object');
  return { config: doc as DaemonJson, exists: true };
}

export interface DockerInfo {
  LoggingDriver?: string;
  LiveRestoreEnabled?: boolean;
  SecurityOptions?: string[];
  ServerVersion?: string;
}

/** `docker info` as JSON, or the reason it is not available. */
export async function dockerInfo(env: HostEnv): Promise<DockerInfo | string> {
  const r = await env.run('docker', ['info', '--format', '{{json .}}']);
  if (r.status === null) return 'the docker CLI is not installed';
  if (r.status !== 0) return `docker info failed: ${r.stderr.trim() || `exit ${r.status}`}`;
  try {
    const doc = JSON.parse(r.stdout) as unknown;
    if (typeof doc !== 'object' || doc === null) return 'docker info did not print a JSON object';
    return doc as DockerInfo;
  } catch {
    return 'docker info did not print valid JSON';
  }
}

/** Where daemon.json came from, for evidence. */
export function source(exists: boolean): string {
  return exists ? '/etc/docker/daemon.json' : 'no /etc/docker/daemon.json (defaults)';
}

/** dockerd's command line (argv after the program), from /proc; null when no dockerd process is visible. */
export async function dockerdArgs(env: HostEnv): Promise<string[] | null> {
  let pids: string[];
  try {
    pids = (await fs.readdir(hostPath(env, '/proc'))).filter((p) => /^\d+$/.test(p));
  } catch {
    return null;
  }
  for (const pid of pids) {
    try {
      const comm = (await fs.readFile(hostPath(env, `/proc/${pid}/comm`), 'utf8')).trim();
      if (comm !== 'dockerd') continue;
      const argv = (await fs.readFile(hostPath(env, `/proc/${pid}/cmdline`), 'utf8'))
        .split('\0')
        .filter(Boolean);
      return argv.slice(1);
    } catch {
      // The process went away between readdir and read: keep looking.
    }
  }
  return null;
}

/** -H/--host values and whether --tlsverify is on, from dockerd's argv. */
export function hostsFromArgs(args: readonly string[]): { hosts: string[]; tlsverify: boolean } {
  const hosts: string[] = [];
  let tlsverify = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const m = /^(?:-H|--host)(?:=(.*))?$/.exec(a);
    if (m) {
      const v = m[1] ?? args[++i];
      if (v !== undefined) hosts.push(v);
    } else if (a.startsWith('-H') && a.length > 2) hosts.push(a.slice(2));
    else if (a === '--tlsverify' || a === '--tlsverify=true') tlsverify = true;
  }
  return { hosts, tlsverify };
}
