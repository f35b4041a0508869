import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageHeader } from '../../../test/fixtures/ospkg/rpm-header-encoder';
import { buildRpmdbSqlite } from '../../../test/fixtures/ospkg/rpmdb-builder';
import { readRpmdbSqlite } from './rpmdb-sqlite';

const bash = packageHeader({
  name: 'bash',
  version: '5.1.8',
  release: '6.el9',
  arch: 'x86_64',
  license: 'GPLv3+',
});
const tzdata = packageHeader({
  name: 'tzdata',
  version: '2023c',
  release: '1.el9',
  arch: 'noarch',
  sourceRpm: 'tzdata-2023c-1.el9.src.rpm',
});

// A private TMPDIR shows that the temp copy is removed after every read, also after a failure.
let tmp = '';
const savedTmp = process.env.TMPDIR;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'moat-rpmdb-spec-'));
  process.env.TMPDIR = tmp;
});
afterAll(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  rmSync(tmp, { recursive: true, force: true });
});
const leftovers = (): string[] => readdirSync(tmp).filter((n) => n.startsWith('moat-rpmdb-'));

describe('readRpmdbSqlite', () => {
  it('reads every header of the Packages table in hnum order and removes its temp copy', () => {
    const entries = readRpmdbSqlite(buildRpmdbSqlite([bash, tzdata]));
    expect(entries).toEqual([
      { hnum: 1, name: 'bash', version: '5.1.8', release: '6.el9', arch: 'x86_64', license: 'GPLv3+' },
      {
        hnum: 2,
        name: 'tzdata',
        version: '2023c',
        release: '1.el9',
        arch: 'noarch',
        sourceRpm: 'tzdata-2023c-1.el9.src.rpm',
      },
    ]);
    expect(leftovers()).toEqual([]);
  });

  it('opens a database written in WAL mode without its -wal/-shm files', () => {
    const bytes = buildRpmdbSqlite([bash], { wal: true });
    expect(bytes[18]).toBe(2);
    expect(readRpmdbSqlite(bytes).map((e) => e.name)).toEqual(['bash']);
  });

  it('returns nothing for an empty Packages table', () => {
    expect(readRpmdbSqlite(buildRpmdbSqlite([]))).toEqual([]);
  });

  it('names the row of a truncated header and still cleans up', () => {
    const broken = Buffer.from(tzdata.subarray(0, 40));
    expect(() => readRpmdbSqlite(buildRpmdbSqlite([bash, broken]), '/var/lib/rpm/rpmdb.sqlite')).toThrow(
      /^\/var\/lib\/rpm\/rpmdb\.sqlite Packages row 2: truncated/,
    );
    expect(leftovers()).toEqual([]);
  });

  it('rejects non-sqlite bytes, a database without Packages, and a truncated database file', () => {
    expect(() => readRpmdbSqlite(Buffer.from('not a database at all'.repeat(10)), 'x.sqlite')).toThrow(
      'x.sqlite: not an sqlite database',
    );
    expect(() => readRpmdbSqlite(buildRpmdbSqlite([bash], { table: 'Other' }), 'x.sqlite')).toThrow(
      'x.sqlite: no Packages table, not an rpm database',
    );
    const whole = buildRpmdbSqlite([bash, tzdata]);
    expect(() => readRpmdbSqlite(whole.subarray(0, 1024), 'x.sqlite')).toThrow(/^x\.sqlite: /);
    expect(leftovers()).toEqual([]);
  });
});
