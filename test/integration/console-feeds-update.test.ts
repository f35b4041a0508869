// Feed updates from a mirror through the console's API: a mirror directory and an HTTP mirror on 127.0.0.1 in the
// published layout; the last update (and its error) is kept for the feeds page; bad mirrors are refused by name.
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directClient } from '../../electron/api/dispatch';
import { composeConsole, type Console } from '../../electron/main/compose';
import { buildMirror } from '../setup/feed-mirror';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-console-mirror-'));
const mirrorRoot = path.join(work, 'mirror');
let server: Server;
let base: string;
let app: Console;

beforeAll(async () => {
  buildMirror(mirrorRoot);
  server = createServer((req, res) => {
    const file = path.join(mirrorRoot, path.normalize(decodeURIComponent((req.url ?? '/').split('?')[0])));
    if (!file.startsWith(mirrorRoot) || !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404);
      return void res.end();
    }
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  app = composeConsole({ dataDir: path.join(work, 'home'), autoScan: false, runtime: false });
});
afterAll(async () => {
  app?.close();
  await new Promise<void>((r) => server.close(() => r()));
  fs.rmSync(work, { recursive: true, force: true });
});

describe('feeds:update', () => {
  it('imports every feed a mirror directory has and keeps the update for the feeds page', async () => {
    const call = directClient(app.dispatch);
    expect((await call('feeds:list', {})).lastUpdate).toBeUndefined();
    const r = await call('feeds:update', { mirror: mirrorRoot });
    expect(r.ok).toBe(true);
    const names = r.result!.feeds.map((f) => f.name).sort();
    expect(names).toEqual(expect.arrayContaining(['alpine-secdb', 'debian-tracker', 'osv']));
    // Only npm and Go OSV archives are on this mirror: the other ecosystems are listed as missing, not failed.
    expect(r.missing.some((m) => m.includes('osv/PyPI/all.zip'))).toBe(true);
    const listed = await call('feeds:list', {});
    expect(listed.feeds.map((f) => f.name)).toEqual(expect.arrayContaining(names));
    expect(listed.lastUpdate).toMatchObject({ mirror: mirrorRoot, ok: true });
  });

  it('imports from an HTTP mirror on loopback', async () => {
    const call = directClient(app.dispatch);
    const r = await call('feeds:update', { mirror: base });
    expect(r.ok).toBe(true);
    expect(r.result!.feeds.find((f) => f.name === 'debian-tracker')?.records).toBeGreaterThan(0);
  });

  it('refuses a relative path, a missing directory and an empty mirror, and shows the last error', async () => {
    const call = directClient(app.dispatch);
    await expect(call('feeds:update', { mirror: 'feeds/here' })).rejects.toThrow(/feeds\/here.*neither/);
    await expect(call('feeds:update', { mirror: path.join(work, 'nope') })).rejects.toThrow(
      /nope: no such directory/,
    );
    const empty = path.join(work, 'empty');
    fs.mkdirSync(empty);
    await expect(call('feeds:update', { mirror: empty })).rejects.toThrow(/none of the feed files/);
    const { lastUpdate, feeds } = await call('feeds:list', {});
    expect(lastUpdate).toMatchObject({ mirror: empty, ok: false });
    expect(lastUpdate!.error).toMatch(/none of the feed files/);
    // What was imported before is still there.
    expect(feeds.some((f) => f.name === 'debian-tracker')).toBe(true);
  });
});
