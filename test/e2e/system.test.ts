// Manage › System in the browser: what the console is, its settings, and a consistent backup of console.db.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { requireDocker } from '../setup/docker-cli';
import { useBrowserSession } from '../setup/browser-session';
import { waitForText } from '../setup/page-text';
import { testdata } from '../setup/testdata';

requireDocker();
const session = useBrowserSession();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-system-e2e-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
const migrations = fs
  .readdirSync(path.resolve(__dirname, '../../electron/db/migrations'))
  .filter((f) => f.endsWith('.sql'));

describe('Manage › System (web mode, Chromium)', () => {
  it('shows the version, data directory, databases, uptime and settings', async () => {
    const page = session().page;
    const version = (await session().call('system:version', {})) as { moat: string };
    await page.click('nav >> text=System');
    await waitForText(page, '[data-testid=system-version]', version.moat);
    await waitForText(page, '[data-testid=system-facts]', session().serve.home);
    await waitForText(page, '[data-testid=system-console-db]', `schema version ${migrations.length}`);
    await waitForText(page, '[data-testid=system-intel-db]', 'No vulnerability feed imported');
    await waitForText(page, '[data-testid=system-uptime]', /\d+ min/);
    await waitForText(page, '[data-testid="setting-ci.keepResults"]', 'true');

    await session().call('feeds:importPath', { path: testdata('feeds', 'osv', 'npm') });
    await page.click('nav >> text=Defenders');
    await page.click('nav >> text=System');
    await waitForText(page, '[data-testid=system-intel-db]', /1 feeds · \d+ records/);
    await page.screenshot({ path: path.resolve(__dirname, '../../test-results/system.png'), fullPage: true });
  });

  it('changes the keep-CI-results setting', async () => {
    const page = session().page;
    // The box follows the stored setting: it changes once the console has saved it.
    await page.click('input[aria-label="keep CI results"]');
    await waitForText(page, '[data-testid="setting-ci.keepResults"]', 'false');
    expect(await session().call('ci:settings', {})).toEqual({ keepResults: false });
  });

  it('downloads a backup that opens as a console.db with every table and the changed setting', async () => {
    const page = session().page;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=download-backup]'),
    ]);
    expect(download.suggestedFilename()).toMatch(/^moat-console-\d{4}-\d{2}-\d{2}\.db$/);
    const file = path.join(work, 'backup.db');
    await download.saveAs(file);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
      const tables = (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{
          name: string;
        }>
      ).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining(['settings', 'scans', 'base_images']));
      expect(db.prepare("SELECT value FROM settings WHERE key = 'ci.keepResults'").get()).toEqual({
        value: 'false',
      });
    } finally {
      db.close();
    }
    // The temporary backup file is gone once sent.
    expect(fs.readdirSync(path.join(session().serve.home, 'backups'))).toEqual([]);
  });

  it('saves a backup in the data directory from the page (as the desktop app does)', async () => {
    const page = session().page;
    await page.click('button:has-text("Save a backup in the data directory")');
    const text = await waitForText(
      page,
      '[data-testid=saved-backup]',
      path.join(session().serve.home, 'backups'),
    );
    const saved = /to (\S+\.db)/.exec(text)?.[1];
    expect(saved, text).toBeDefined();
    const db = new Database(saved!, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    } finally {
      db.close();
    }
  });

  it('refuses the backup without the session token', async () => {
    const res = await fetch(`${session().serve.base}/api/backup/console.db`);
    expect(res.status).toBe(401);
  });
});
