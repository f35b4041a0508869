// Where a running console can be found: `moat serve` writes <dataDir>/console.json (mode 0600) and removes it on
// exit, so terminal commands on the same machine need no --address/--token.
import fs from 'node:fs';
import path from 'node:path';
import type { ConsoleTarget } from './image-scan/console-client';

export const CONSOLE_FILE = 'console.json';

export interface ConsoleFile {
  url: string;
  token: string;
  pid: number;
}

export function writeConsoleFile(dataDir: string, info: ConsoleFile): string {
  const file = path.join(dataDir, CONSOLE_FILE);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Written under a fresh name and renamed: the token is never readable by others, even for a moment.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(info) + '\n', { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
  return file;
}

/** Removes the file only if it still describes this process (another console may have replaced it). */
export function removeConsoleFile(dataDir: string, pid = process.pid): void {
  const file = path.join(dataDir, CONSOLE_FILE);
  try {
    const info = parseConsoleFile(fs.readFileSync(file, 'utf8'), file);
    if (info.pid === pid) fs.rmSync(file, { force: true });
  } catch {
    // missing or unreadable: nothing of ours to remove
  }
}

export function parseConsoleFile(text: string, source: string): ConsoleFile {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new Error(`${source} is not valid JSON`);
  }
  const o = v as Partial<Record<keyof ConsoleFile, unknown>> | null;
  if (typeof o !== 'object' || o === null) throw new Error(`${source} is not a JSON object`);
  if (typeof o.url !== 'string' || !/^https?:\/\//.test(o.url))
    throw new Error(`${source}: url must be an http(s) URL`);
  if (typeof o.token !== 'string' || o.token.length < 16)
    throw new Error(`${source}: token must be a string of at least 16 characters`);
  if (typeof o.pid !== 'number' || !Number.isInteger(o.pid) || o.pid <= 0)
    throw new Error(`${source}: pid must be a positive integer`);
  return { url: o.url, token: o.token, pid: o.pid };
}

/** --address/--token when given, else the console.json of the data directory. */
export function resolveConsoleTarget(
  flags: { address?: string; token?: string },
  dataDir: string,
): ConsoleTarget {
  if (flags.address) {
    const token = flags.token ?? process.env.MOAT_TOKEN;
    if (!token) throw new Error('--address needs --token (or MOAT_TOKEN) with the console access token');
    return { address: flags.address, token };
  }
  const file = path.join(dataDir, CONSOLE_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new Error(
      `no running console found: ${file} does not exist. Start one with "moat serve" (as root for runtime defense), ` +
        'set MOAT_HOME to its data directory, or pass --address and --token',
    );
  }
  const info = parseConsoleFile(text, file);
  return { address: info.url, token: flags.token ?? info.token };
}
