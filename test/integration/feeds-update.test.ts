// `moat feeds update` against a mirror on 127.0.0.1 in the published layout (built here from the shared
// test data), then `moat feeds bundle` of what it fetched and an import of that bundle on a second home.
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moat as runMoat, type MoatRun } from '../setup/moat-cli';
import { buildMirror } from '../setup/feed-mirror';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-feeds-update-'));

const moat = (home: string, ...args: string[]): Promise<MoatRun> => runMoat(args, { home });

interface ListRow {
  feed: string;
  source: string;
  records: number;
  invalid: number;
}

async function list(home: string): Promise<ListRow[]> {
  const r = await moat(home, 'feeds', 'list', '--json');
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ListRow[];
}

const mirrorRoot = path.join(work, 'mirror');
const requested: string[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  buildMirror(mirrorRoot);
  server = createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? '/').split('?')[0]);
    requested.push(url);
    const file = path.join(mirrorRoot, path.normalize(url));
    if (!file.startsWith(mirrorRoot) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-length': String(fs.statSync(file).size) });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  fs.rmSync(work, { recursive: true, force: true });
});

describe('moat feeds update --mirror URL', () => {
  const home = path.join(work, 'home-a');

  it('fetches every published file of the layout, skips the unpublished ones and imports them', async () => {
    const r = await moat(home, 'feeds', 'update', '--mirror', base);
    expect(r.status, r.stderr).toBe(0);
    expect(requested).toContain('/alpine-secdb/v3.10/main.json');
    expect(requested).toContain('/debian-tracker/data.json');
    expect(requested).toContain('/osv/npm/all.zip');
    expect(requested).toContain('/osv/PyPI/all.zip');
    expect(r.stderr).toContain(`not published, skipped: ${base}osv/PyPI/all.zip (HTTP 404)`);
    const rows = await list(home);
    const bySource = new Map(rows.map((f) => [f.source, f]));
    expect(bySource.get(`${base}debian-tracker/data.json`)).toMatchObject({
      feed: 'debian-tracker',
      records: 472,
    });
    expect(bySource.get(`${base}osv/npm/all.zip`)).toMatchObject({ feed: 'osv', records: 20, invalid: 0 });
    expect(bySource.get(`${base}osv/Go/all.zip`)).toMatchObject({ feed: 'osv', records: 14 });
    const secdb = rows.filter((f) => f.feed === 'alpine-secdb');
    expect(secdb).toHaveLength(18);
    // The real secdb has version typos ("4.8.0.-r1"); update keeps the rest and counts them.
    expect(secdb.reduce((n, f) => n + f.records, 0)).toBe(12729);
    expect(secdb.some((f) => f.invalid > 0)).toBe(true);
  });

  it('refuses with --strict and keeps the imported intel.db', async () => {
    const before = await list(home);
    const r = await moat(home, 'feeds', 'update', '--mirror', base, '--feeds', 'alpine-secdb', '--strict');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /record CVE-2018-10188 \(apk:alpine:3\.\d+ phpmyadmin\): ranges\[0\] fixed "4\.8\.0\.-r1"/,
    );
    expect(await list(home)).toEqual(before);
  });

  it('fails naming the mirror when nothing is there, and the same layout works from a directory', async () => {
    const dead = await moat(home, 'feeds', 'update', '--mirror', `${base}nothing/`, '--feeds', 'osv');
    expect(dead.status).toBe(2);
    expect(dead.stderr).toContain(`${base}nothing/: none of the 8 feed files could be found`);
    const home2 = path.join(work, 'home-dir');
    const r = await moat(home2, 'feeds', 'update', '--mirror', mirrorRoot, '--feeds', 'debian-tracker');
    expect(r.status, r.stderr).toBe(0);
    expect(await list(home2)).toMatchObject([
      { feed: 'debian-tracker', source: path.join(mirrorRoot, 'debian-tracker', 'data.json'), records: 472 },
    ]);
  });

  it('bundles the fetched feeds; another home imports the bundle only with the key trusted', async () => {
    const bundle = path.join(work, 'feeds.moat');
    const b = await moat(home, 'feeds', 'bundle', '--out', bundle);
    expect(b.status, b.stderr).toBe(0);
    const pub = /public key to trust on the importing machine: (.+)$/m.exec(b.stdout)?.[1];
    expect(pub && fs.existsSync(pub)).toBe(true);
    const other = path.join(work, 'home-b');
    const untrusted = await moat(other, 'feeds', 'import', bundle);
    expect(untrusted.status).toBe(2);
    expect(untrusted.stderr).toContain(`${bundle}: no trusted bundle keys`);
    const ok = await moat(other, 'feeds', 'import', '--allow-invalid', '--trust-key', pub ?? '', bundle);
    expect(ok.status, ok.stderr).toBe(0);
    const strip = (rows: ListRow[]): string[] =>
      rows.map((f) => `${f.feed} ${f.source} ${f.records} ${f.invalid}`).sort();
    expect(strip(await list(other))).toEqual(strip(await list(home)));
  });

  it('refuses an unsigned or tampered bundle and keeps the previous intel.db', async () => {
    const other = path.join(work, 'home-b');
    const before = await list(other);
    const pub = path.join(home, 'keys', 'bundle-signing.pub.pem');
    const bundle = path.join(work, 'feeds.moat');
    const rewrite = async (
      out: string,
      edit: (name: string, data: Buffer) => Buffer | undefined,
    ): Promise<void> => {
      const extract = tar.extract();
      const pack = tar.pack();
      const done = (async (): Promise<void> => {
        for await (const entry of extract) {
          const parts: Buffer[] = [];
          for await (const c of entry) parts.push(c as Buffer);
          const data = edit(entry.header.name, Buffer.concat(parts));
          if (data) pack.entry({ name: entry.header.name }, data);
        }
        pack.finalize();
      })();
      extract.end(fs.readFileSync(bundle));
      const chunks: Buffer[] = [];
      for await (const c of pack) chunks.push(c as Buffer);
      await done;
      fs.writeFileSync(out, Buffer.concat(chunks));
    };
    const unsigned = path.join(work, 'unsigned.moat');
    await rewrite(unsigned, (name, data) => (name === 'manifest.sig' ? undefined : data));
    const u = await moat(other, 'feeds', 'import', '--trust-key', pub, unsigned);
    expect(u.status).toBe(2);
    expect(u.stderr).toContain(`${unsigned}: unsigned bundle`);
    const tampered = path.join(work, 'tampered.moat');
    await rewrite(tampered, (name, data) =>
      name.endsWith('data.json') ? Buffer.from(data.toString('utf8').replace('CVE-', 'CVE-9')) : data,
    );
    const t = await moat(other, 'feeds', 'import', '--trust-key', pub, tampered);
    expect(t.status).toBe(2);
    expect(t.stderr).toMatch(
      new RegExp(
        `${tampered.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: feeds/\\d+-data\\.json was tampered with`,
      ),
    );
    expect(await list(other)).toEqual(before);
  });
});
