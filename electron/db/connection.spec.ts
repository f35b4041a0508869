import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openConsoleDb, schemaVersion } from './connection';
import Database from 'better-sqlite3';

const tmp: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-db-'));
  tmp.push(d);
  return d;
}
afterEach(() => tmp.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('console database', () => {
  it('opens in WAL mode with every shipped migration applied', () => {
    const file = path.join(tempDir(), 'console.db');
    const db = openConsoleDb(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const shipped = fs
      .readdirSync(path.join(__dirname, 'migrations'))
      .filter((f) => f.endsWith('.sql')).length;
    expect(schemaVersion(db)).toBe(shipped);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'settings'").get()).toBeTruthy();
    db.close();
  });

  it('applies only new migrations and keeps existing rows', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '001-a.sql'), 'CREATE TABLE t (v TEXT);');
    const db = new Database(':memory:');
    migrate(db, dir);
    db.prepare("INSERT INTO t VALUES ('kept')").run();
    fs.writeFileSync(path.join(dir, '002-b.sql'), 'ALTER TABLE t ADD COLUMN w TEXT;');
    migrate(db, dir);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT v, w FROM t').get()).toEqual({ v: 'kept', w: null });
  });

  it('rolls a failing migration back and leaves the version where it was', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '001-a.sql'), 'CREATE TABLE t (v TEXT);');
    fs.writeFileSync(path.join(dir, '002-bad.sql'), 'CREATE TABLE u (x); THIS IS NOT SQL;');
    const db = new Database(':memory:');
    expect(() => migrate(db, dir)).toThrow(/syntax error/);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'u'").get()).toBeUndefined();
  });

  it('refuses gaps in the numbering and a database newer than the code', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '001-a.sql'), 'SELECT 1;');
    fs.writeFileSync(path.join(dir, '003-c.sql'), 'SELECT 1;');
    expect(() => migrate(new Database(':memory:'), dir)).toThrow(/without gaps; found 003-c.sql/);
    fs.rmSync(path.join(dir, '003-c.sql'));
    const db = new Database(':memory:');
    db.pragma('user_version = 7');
    expect(() => migrate(db, dir)).toThrow(/schema 7 is newer than this Moat/);
  });
});
