// Compliance screens in the browser: image compliance in the list and detail, host results, malware lists.
import { describe, expect, it } from 'vitest';
import { requireDocker } from '../setup/docker-cli';
import { useBrowserSession } from '../setup/browser-session';
import { waitForText } from '../setup/page-text';
import { IMAGE_NAMES } from '../setup/test-images';
import { testdata } from '../setup/testdata';

requireDocker();
const session = useBrowserSession();

describe('compliance screens (web mode, Chromium)', () => {
  it('shows compliance failures of deployed images and the failed checks with masked evidence', async () => {
    await session().page.click('text=Vulnerabilities · Images');
    const row = session().page.locator('[data-testid=image-row]', { hasText: IMAGE_NAMES.nodeappV1 });
    await row.locator('a').waitFor({ timeout: 90_000 });
    expect(Number(await row.locator('[data-testid=compliance-failed]').textContent())).toBeGreaterThanOrEqual(
      2,
    );
    await row.locator('a').click();
    await session().page.click('button:has-text("Compliance")');
    await session().page.waitForSelector('[data-testid=compliance-table]');
    const secrets = await waitForText(session().page, '[data-testid=check-424]', /fail/);
    expect(secrets).toContain('SECRET_KEY');
    expect(secrets).not.toContain('~DUUvI~gbnZ_~~zrj3J4i83q69vuJGczn0');
    await session().page.click('button:has-text("Labels and environment")');
    const env = await waitForText(session().page, '[data-testid=env-table]', 'SECRET_KEY');
    expect(env).toContain('~DUU…czn0');
    expect(env).not.toContain('~DUUvI~gbnZ_~~zrj3J4i83q69vuJGczn0');
    const api = await fetch(`${session().serve.base}/api/invoke/scans:get`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${session().serve.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: Number(session().page.url().split('/').pop()) }),
    });
    expect(await api.text()).not.toContain('gbnZ_~~zrj3J4i83q69vuJ');
  });

  it('lists image compliance under Monitor › Compliance › Images and opens the Compliance tab from it', async () => {
    const { page } = session();
    await page.click('text=Compliance · Images');
    const row = page.locator('[data-testid=compliance-scan-row]', { hasText: IMAGE_NAMES.nodeappV1 });
    await row.waitFor({ timeout: 30_000 });
    expect(
      Number(await row.locator('[data-testid=compliance-scan-failed]').textContent()),
    ).toBeGreaterThanOrEqual(2);
    await row.locator('a').click();
    await waitForText(page, '[data-testid=check-424]', /fail/);
    expect(page.url()).toMatch(/#\/monitor\/vulnerabilities\/images\/\d+\/compliance$/);
  });

  it("shows this host's daemon and host checks", async () => {
    await session().page.click('text=Compliance · Hosts');
    await session().page.waitForSelector('[data-testid=host-compliance] tbody tr');
    expect(await session().page.locator('[data-testid=host-compliance] tbody tr').count()).toBeGreaterThan(5);
  });

  it('adds a ClamAV hash list on the Custom feeds page and refuses a broken one', async () => {
    await session().page.click('text=Custom feeds');
    await session().page.setInputFiles(
      '[data-testid=malware-file]',
      testdata('fixtures', 'malware', 'eicar.hdb'),
    );
    await session().page.waitForSelector('[data-testid=malware-lists] td:has-text("eicar.hdb")');
    await session().page.setInputFiles('[data-testid=malware-file]', {
      name: 'junk.hdb',
      mimeType: 'text/plain',
      buffer: Buffer.from('zzz\n'),
    });
    await waitForText(session().page, '[data-testid=malware-error]', 'junk.hdb');
  });

  it('turns on clamscan for deployed-image scans in the malware section, showing the version and lists', async () => {
    const { page } = session();
    await page.click('text=Custom feeds');
    const box = page.locator('input[aria-label="scan deployed images with clamscan"]');
    await box.waitFor();
    // The status line appears once the setting has loaded: the installed clamscan and the ClamAV list.
    await waitForText(page, '[data-testid=clamscan-status]', /ClamAV \d.*eicar\.hdb/);
    expect(await box.isChecked()).toBe(false);
    // click, not check(): the box follows the stored setting, so it turns on when the API answers.
    await box.click();
    await page.waitForFunction(
      () =>
        (document.querySelector('input[aria-label="scan deployed images with clamscan"]') as HTMLInputElement)
          ?.checked === true,
    );
    expect(await session().call('malware:clamscan', {})).toMatchObject({ enabled: true });
    await box.click();
    await page.waitForFunction(
      () =>
        (document.querySelector('input[aria-label="scan deployed images with clamscan"]') as HTMLInputElement)
          ?.checked === false,
    );
    expect(await session().call('malware:clamscan', {})).toMatchObject({ enabled: false });
  });
});
