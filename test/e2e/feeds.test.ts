// Manage › Custom feeds in the browser: upload a real feed file, add a custom vulnerability, see it matched on an image.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMirror } from '../setup/feed-mirror';
import { requireDocker } from '../setup/docker-cli';
import { useBrowserSession } from '../setup/browser-session';
import { waitForText } from '../setup/page-text';
import { IMAGE_NAMES } from '../setup/test-images';
import { testdata } from '../setup/testdata';

requireDocker();
const session = useBrowserSession();

describe('custom feeds (web mode, Chromium)', () => {
  it('imports an uploaded OSV file and lists the feed with its age', async () => {
    await session().page.click('text=Custom feeds');
    await session().page.waitForSelector('[data-testid=no-feeds]');
    await session().page.setInputFiles(
      '[data-testid=feed-file]',
      testdata('feeds', 'osv', 'npm', 'GHSA-vh95-rmgr-6w4m.json'),
    );
    await waitForText(session().page, '[data-testid=feed-result]', 'osv: 1 records');
    await waitForText(session().page, '[data-testid=feeds-table] tbody', '0 days');
  });

  it('refuses a file that is no feed, naming it', async () => {
    await session().page.setInputFiles('[data-testid=feed-file]', {
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('hello'),
    });
    await waitForText(session().page, '[data-testid=feed-error]', 'notes.txt');
  });

  it('adds a custom vulnerability that then shows on an image already scanned', async () => {
    await session().page.fill('input[aria-label=id]', 'MOAT-CUSTOM-0001');
    await session().page.fill('input[aria-label=ecosystem]', 'npm');
    await session().page.fill('input[aria-label=package]', 'minimist');
    await session().page.fill('input[aria-label=range]', '<1.0.0');
    await session().page.selectOption('select[aria-label=severity]', 'critical');
    await session().page.click('button:has-text("Add")');
    await session().page.waitForSelector('[data-testid=custom-vulns] td:has-text("MOAT-CUSTOM-0001")');
    await session().page.click('text=Vulnerabilities · Images');
    const row = session().page.locator('[data-testid=image-row]', { hasText: IMAGE_NAMES.nodeappV2 });
    await row.locator('a').waitFor({ timeout: 90_000 });
    // Feeds are imported now: no notice about a missing feed.
    expect(await session().page.locator('[data-testid=no-feed-notice]').count()).toBe(0);
    await row.locator('a').click();
    await session().page.waitForSelector('[data-testid=vulns-table]');
    await session().page.waitForFunction(
      () => document.querySelector('[data-testid=vulns-table]')?.textContent?.includes('MOAT-CUSTOM-0001'),
      null,
      {
        timeout: 15_000,
      },
    );
  });

  it('updates from a mirror directory on the console host and shows the last update, then a failed one', async () => {
    const { page } = session();
    const mirror = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-e2e-mirror-'));
    try {
      buildMirror(mirror);
      await page.click('text=Custom feeds');
      await page.fill('input[aria-label=Mirror]', mirror);
      await page.click('button:has-text("Update from mirror")');
      await waitForText(page, '[data-testid=feeds-last-update]', /feeds imported/, 60_000);
      await waitForText(page, '[data-testid=feeds-table] tbody', 'debian-tracker');
      await page.fill('input[aria-label=Mirror]', path.join(mirror, 'no-such-dir'));
      await page.click('button:has-text("Update from mirror")');
      await waitForText(page, '[data-testid=feed-error]', 'no-such-dir: no such directory');
      // The table keeps what the earlier update imported.
      await waitForText(page, '[data-testid=feeds-table] tbody', 'debian-tracker');
    } finally {
      fs.rmSync(mirror, { recursive: true, force: true });
    }
  });
});
