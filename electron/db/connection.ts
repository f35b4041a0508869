// Opens console.db: WAL mode, foreign keys, and numbered migrations applied in one transaction each.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { appRoot } from '../paths';

export type Db = Database.Database;

const MIGRATION_NAME = /^(\d{3})-[a-z0-9-]+\.sql$/;

export function migrationsDir(): string {
  return path.join(appRoot(), 'electron', 'db', 'migrations');
}

export function openConsoleDb(file: string, dir = migrationsDir()): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, dir);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration newer than the stored schema version; refuses a database newer than this build. */
export function migrate(db: Db, dir: string): void {
  const files = fs
    .readdirSync(dir)
    .filter((f) => MIGRATION_NAME.test(f))
    .sort();
  const numbers = files.map((f) => Number(MIGRATION_NAME.exec(f)![1]));
  numbers.forEach((n, i) => {
    if (n !== i + 1)
      throw new Error(`migrations in ${dir} must be numbered 001, 002, … without gaps; found ${files[i]}`);
  });
  const current = schemaVersion(db);
  if (current > files.length) {
    throw new Error(
      `console database schema ${current} is newer than this Moat (knows ${files.length}); upgrade Moat`,
    );
  }
  for (let i = current; i < files.length; i++) {
    const sql = fs.readFileSync(path.join(dir, files[i]), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
}
