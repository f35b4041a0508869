// Reads rpm's sqlite database (rpmdb.sqlite, rpm >= 4.16): the Packages table holds one header blob per
// installed package. better-sqlite3 opens files, not buffers, so the bytes go to a private temp copy.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseRpmPackage, type RpmPackageRecord } from './rpm-header';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export interface RpmdbEntry extends RpmPackageRecord {
  /** The Packages row id (rpm's header number). */
  hnum: number;
}

function hasPackagesTable(db: Database.Database): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'Packages'").get() !== undefined
  );
}

/** Every header in the Packages table. A header that does not parse fails the whole read, naming its row. */
export function readRpmdbSqlite(bytes: Uint8Array, label = 'rpmdb.sqlite'): RpmdbEntry[] {
  if (bytes.length < 100 || !SQLITE_MAGIC.equals(Buffer.from(bytes.buffer, bytes.byteOffset, 16))) {
    throw new Error(`${label}: not an sqlite database (missing "SQLite format 3" header)`);
  }
  const copy = Buffer.from(bytes);
  // rpm writes the database in WAL mode; marking the private copy as rollback-journal makes the read-only
  // open create no -wal/-shm files beside it. A -wal file left in the image is not read.
  if (copy[18] === 2) copy[18] = 1;
  if (copy[19] === 2) copy[19] = 1;

  const dir = mkdtempSync(path.join(os.tmpdir(), 'moat-rpmdb-'));
  const file = path.join(dir, 'rpmdb.sqlite');
  let db: Database.Database | undefined;
  try {
    writeFileSync(file, copy, { mode: 0o600 });
    db = new Database(file, { readonly: true, fileMustExist: true });
    if (!hasPackagesTable(db)) throw new Error(`${label}: no Packages table, not an rpm database`);
    const out: RpmdbEntry[] = [];
    for (const row of db.prepare('SELECT hnum, blob FROM Packages ORDER BY hnum').iterate() as Iterable<{
      hnum: number | bigint;
      blob: unknown;
    }>) {
      const hnum = Number(row.hnum);
      if (!(row.blob instanceof Uint8Array))
        throw new Error(`${label}: Packages row ${hnum} holds no header blob`);
      out.push({ hnum, ...parseRpmPackage(row.blob, `${label} Packages row ${hnum}`) });
    }
    return out;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (message.startsWith(label)) throw err;
    throw new Error(`${label}: cannot read rpm sqlite database: ${message}`, { cause: err });
  } finally {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
