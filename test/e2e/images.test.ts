// Monitor › Vulnerabilities › Images in the browser: deployed images scanned on first sight, drill-down to packages and layers.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requireDocker } from '../setup/docker-cli';
import { useBrowserSession } from '../setup/browser-session';
import { waitForText } from '../setup/page-text';
import { IMAGE_NAMES } from '../setup/test-images';
import { testdata } from '../setup/testdata';

requireDocker();
const session = useBrowserSession();

describe('images screen (web mode, Chromium)', () => {
  it('lists every daemon image and shows each one scanned without a reload', async () => {
    await session().page.click('text=Vulnerabilities · Images');
    await session().page.waitForSelector('[data-testid=images-table]');
    const row = session().page.locator('[data-testid=image-row]', { hasText: IMAGE_NAMES.alpineApk });
    await row.locator('a').waitFor({ timeout: 90_000 });
    expect(await row.textContent()).toMatch(/Alpine/i);
    // This console has no feed yet: the list says so and what to do.
    await waitForText(session().page, '[data-testid=no-feed-notice]', 'moat feeds update');
  });

  it('sorts the list on the server by a column header, and reverses it on a second click', async () => {
    const { page } = session();
    const shown = async (): Promise<string[]> =>
      page.locator('[data-testid=image-row] td:first-child').allTextContents();
    // What the console itself says the order is, in the names the table shows.
    const expected = async (desc: boolean): Promise<string[]> => {
      const r = (await session().call('images:list', { page: 1, pageSize: 25, sort: 'name', desc })) as {
        items: Array<{ id: string; repoTags: string[] }>;
      };
      return r.items.map((i) => i.repoTags[0] ?? i.id.slice(7, 19));
    };
    const ascending = await expected(false);
    expect(ascending.length).toBeGreaterThan(1);
    expect(await shown()).toEqual(ascending);
    const descending = await expected(true);
    expect(descending[0]).not.toBe(ascending[0]);
    await page.click('[data-testid=sort-name]');
    await page.waitForFunction(
      (first) => document.querySelector('[data-testid=image-row] td')?.textContent === first,
      descending[0],
    );
    expect(await shown()).toEqual(descending);
    expect(await page.getAttribute('th:has([data-testid=sort-name])', 'aria-sort')).toBe('descending');
    // Keyboard: the header is a button, reachable and pressed with Enter.
    await page.focus('[data-testid=sort-name]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (first) => document.querySelector('[data-testid=image-row] td')?.textContent === first,
      ascending[0],
    );
  });

  it('drills down to the package list and the layers of an image', async () => {
    await session()
      .page.locator('[data-testid=image-row]', { hasText: IMAGE_NAMES.alpineApk })
      .locator('a')
      .click();
    await waitForText(session().page, '[data-testid=detail-ref]', IMAGE_NAMES.alpineApk);
    expect(await session().page.textContent('[data-testid=detail-ref]')).toBe(IMAGE_NAMES.alpineApk);
    await session().page.click('button:has-text("Package info")');
    await session().page.waitForSelector('[data-testid=packages-table] tbody tr');
    const installed = fs.readFileSync(testdata('fixtures', 'apk', 'alpine-3.10', 'installed'), 'utf8');
    const names = [...installed.matchAll(/^P:(.+)$/gm)].map((m) => m[1]).sort();
    const shown = (
      await session().page.locator('[data-testid=packages-table] tbody tr td:first-child').allTextContents()
    ).sort();
    expect(shown).toEqual(names);
    await session().page.click('button:has-text("Layers")');
    await waitForText(session().page, '[data-testid=layers-table] tbody', '/lib/apk/db/installed');
    const layers = await session().page.locator('[data-testid=layers-table] tbody tr').allTextContents();
    expect(layers.some((l) => l.includes('COPY') && l.includes('/lib/apk/db/installed'))).toBe(true);
  });
});
