// `moat feeds import` end to end through the built CLI: imports that fail name the input and the record and
// leave the previous intel.db in use (bundles and `feeds update` are in feeds-update.test.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moat as runMoat, type MoatRun } from '../setup/moat-cli';
import { testdata } from '../setup/testdata';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-feeds-cli-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const moat = (home: string, ...args: string[]): Promise<MoatRun> => runMoat(args, { home });

interface ListRow {
  feed: string;
  source: string;
  importedAt: string;
  records: number;
  invalid: number;
}

async function list(home: string): Promise<ListRow[]> {
  const r = await moat(home, 'feeds', 'list', '--json');
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ListRow[];
}

function npmZip(): Buffer {
  const dir = testdata('feeds/osv/npm');
  const files: Record<string, Uint8Array> = {};
  for (const f of fs.readdirSync(dir)) files[f] = fs.readFileSync(path.join(dir, f));
  return Buffer.from(zipSync(files));
}

function osvRecord(edit: (r: Record<string, unknown>) => void): string {
  const r = JSON.parse(fs.readFileSync(testdata('feeds/osv/npm/GHSA-vh95-rmgr-6w4m.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  edit(r);
  return JSON.stringify(r);
}

describe('moat feeds import: a failed import names the input and keeps the previous intel.db', () => {
  const home = path.join(work, 'errors');
  let before: ListRow[];

  beforeAll(async () => {
    const r = await moat(
      home,
      'feeds',
      'import',
      testdata('feeds/osv/npm'),
      testdata('feeds/debian-tracker'),
    );
    expect(r.status, r.stderr).toBe(0);
    before = await list(home);
    expect(before.map((f) => [f.feed, f.records, f.invalid])).toEqual([
      ['osv', 20, 0],
      ['debian-tracker', 472, 0],
    ]);
  });

  it('refuses a truncated zip', async () => {
    const zip = npmZip();
    const file = path.join(work, 'truncated-all.zip');
    fs.writeFileSync(file, zip.subarray(0, Math.floor(zip.length / 2)));
    const r = await moat(home, 'feeds', 'import', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}: truncated`);
    expect(await list(home)).toEqual(before);
  });

  it('refuses JSON of the wrong schema, naming the file and the record', async () => {
    const file = path.join(work, 'wrong-schema.json');
    fs.writeFileSync(
      file,
      osvRecord((r) => (r.affected = 'minimist')),
    );
    const r = await moat(home, 'feeds', 'import', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}: GHSA-vh95-rmgr-6w4m: affected must be an array`);
    expect(r.stderr).toContain('intel.db left unchanged');
    const unknown = path.join(work, 'not-a-feed.json');
    fs.writeFileSync(unknown, '{"hello": [1, 2, 3]}');
    const r2 = await moat(home, 'feeds', 'import', unknown);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain(`${unknown}: not a recognised feed`);
    expect(await list(home)).toEqual(before);
  });

  it('refuses a record whose range cannot be parsed, naming the file and the record', async () => {
    const file = path.join(work, 'bad-range.json');
    fs.writeFileSync(
      file,
      osvRecord((r) => {
        r.id = 'GHSA-bad0-rang-e000';
        (r.affected as Array<{ ranges: unknown }>)[0].ranges = [
          { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '0.2.x.y!' }] },
        ];
      }),
    );
    const mtime = fs.statSync(path.join(home, 'intel.db')).mtimeMs;
    const r = await moat(home, 'feeds', 'import', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `${file}: record GHSA-bad0-rang-e000 (npm minimist): ranges[0] fixed "0.2.x.y!" is not a valid semver version`,
    );
    expect(await list(home)).toEqual(before);
    expect(fs.statSync(path.join(home, 'intel.db')).mtimeMs).toBe(mtime);
    // The same file with --allow-invalid keeps the usable part and counts the bad record.
    const ok = await moat(home, 'feeds', 'import', '--allow-invalid', file);
    expect(ok.status, ok.stderr).toBe(0);
    const after = await list(home);
    expect(after.find((f) => f.source === file)).toMatchObject({ feed: 'osv', records: 1, invalid: 1 });
  });

  it('imports a whole zip and a missing path fails naming it', async () => {
    const file = path.join(work, 'all.zip');
    fs.writeFileSync(file, npmZip());
    const r = await moat(home, 'feeds', 'import', file);
    expect(r.status, r.stderr).toBe(0);
    expect((await list(home)).find((f) => f.source === file)).toMatchObject({ records: 20, invalid: 0 });
    const missing = await moat(home, 'feeds', 'import', path.join(work, 'nope.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(`${path.join(work, 'nope.json')}: no such file`);
  });
});
