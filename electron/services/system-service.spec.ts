// Manage › System on a real console.db: the facts it reports and a backup taken while writes go on.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openConsoleDb, schemaVersion } from '../db/connection';
import { SettingsRepo } from '../db/repos/settings-repo';
import { SystemService } from './system-service';

const tmp: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-system-'));
  tmp.push(d);
  return d;
}
afterEach(() => tmp.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('SystemService', () => {
  it('reports the schema, the database sizes, the feeds and the settings it is given', () => {
    const dir = tempDir();
    const db = openConsoleDb(path.join(dir, 'console.db'));
    fs.writeFileSync(path.join(dir, 'intel.db'), Buffer.alloc(4096));
    const svc = new SystemService(db, dir, '9.9.9', {
      intelFile: path.join(dir, 'intel.db'),
      feeds: () => ({
        feeds: [
          {
            name: 'osv',
            source: 's',
            importedAt: '2026-01-02T00:00:00Z',
            ageDays: 3,
            recordCount: 20,
            invalidCount: 0,
          },
          {
            name: 'nvd',
            source: 's',
            importedAt: '2026-01-05T00:00:00Z',
            ageDays: 1,
            recordCount: 5,
            invalidCount: 0,
          },
        ],
      }),
      settings: () => [{ key: 'ci.keepResults', label: 'Keep', value: true }],
    });
    const info = svc.info();
    expect(info).toMatchObject({
      moat: '9.9.9',
      dataDir: dir,
      schemaVersion: schemaVersion(db),
      intelDb: { bytes: 4096, feeds: 2, records: 25, newestImport: '2026-01-05T00:00:00Z', oldestAgeDays: 3 },
      settings: [{ key: 'ci.keepResults', value: true }],
    });
    expect(info.consoleDb.bytes).toBeGreaterThan(0);
    expect(info.uptimeSeconds).toBeGreaterThanOrEqual(0);
    db.close();
  });

  it('backs up a consistent copy while another connection keeps writing', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'console.db');
    const db = openConsoleDb(file);
    const settings = new SettingsRepo(db);
    for (let i = 0; i < 2000; i++) settings.set(`k${i}`, 'x'.repeat(200));
    // A second connection, as the CLI or another process would be, writing in transactions during the backup.
    const writer = new Database(file);
    writer.pragma('busy_timeout = 5000');
    let written = 0;
    const timer = setInterval(() => {
      writer.transaction(() => {
        for (let i = 0; i < 50; i++)
          writer
            .prepare('INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)')
            .run(`w${written++}`, '"y"');
      })();
    }, 1);
    const dest = await new SystemService(db, dir, '1').backupFile();
    clearInterval(timer);
    writer.close();
    expect(path.dirname(dest)).toBe(path.join(dir, 'backups'));
    const copy = new Database(dest, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('user_version', { simple: true })).toBe(schemaVersion(db));
      const keys = (
        copy.prepare("SELECT COUNT(*) AS n FROM settings WHERE key LIKE 'k%'").get() as { n: number }
      ).n;
      expect(keys).toBe(2000);
      // Whole transactions only: the writer's rows come in batches of 50.
      const w = (
        copy.prepare("SELECT COUNT(*) AS n FROM settings WHERE key LIKE 'w%'").get() as { n: number }
      ).n;
      expect(w % 50).toBe(0);
    } finally {
      copy.close();
      db.close();
    }
  });
});
