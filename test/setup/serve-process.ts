// Starts `moat serve` as a user would (the built CLI) on a free port and reads the printed URL.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One API answer: the HTTP status and either the result or the error. */
export interface ApiAnswer {
  status: number;
  result?: unknown;
  error?: { code: string; message: string };
}

export interface ServeProcess {
  base: string;
  token: string;
  loginUrl: string;
  home: string;
  child: ChildProcess;
  /** Calls a channel with the start token, whatever the answer. */
  invoke(channel: string, params: unknown): Promise<ApiAnswer>;
  /** Calls a channel with the start token, failing on an error answer. */
  call(channel: string, params: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

/** `as`: run the console as this (non-root) user and group, as a desktop user would; its data directory is theirs. */
export async function startServe(
  extraEnv: Record<string, string> = {},
  as?: { uid: number; gid: number },
): Promise<ServeProcess> {
  const root = path.resolve(__dirname, '../..');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-home-'));
  if (as) fs.chownSync(home, as.uid, as.gid);
  const child = spawn(process.execPath, [path.join(root, 'bin', 'moat'), 'serve', '--port', '0'], {
    // Runtime sensors only where a test asks for them (MOAT_RUNTIME: 'on'): one pipeline per host is plenty.
    env: { ...process.env, MOAT_HOME: home, MOAT_RUNTIME: 'off', ...(as ? { HOME: home } : {}), ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(as ? { uid: as.uid, gid: as.gid, cwd: '/' } : {}),
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const loginUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`moat serve printed no URL in 20 s; stderr: ${err}`)),
      20_000,
    );
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/\S+\?token=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`moat serve exited with ${code}: ${err}`)));
  });
  const u = new URL(loginUrl);
  const base = `${u.protocol}//${u.host}`;
  const token = u.searchParams.get('token')!;
  const invoke = async (channel: string, params: unknown): Promise<ApiAnswer> => {
    const res = await fetch(`${base}/api/invoke/${channel}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(params),
    });
    return { status: res.status, ...((await res.json()) as Omit<ApiAnswer, 'status'>) };
  };
  return {
    base,
    token,
    loginUrl,
    home,
    child,
    invoke,
    async call(channel, params) {
      const a = await invoke(channel, params);
      if (a.error) throw new Error(`${channel}: ${a.error.message}`);
      return a.result;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => {
          fs.rmSync(home, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
