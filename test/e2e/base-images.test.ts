// Defend › Vulnerabilities › Base images in the browser: declaring moat-test/alpine-apk a base hides what
// moat-test/alpine-derived (built FROM it) inherits, shows it on demand, and removing the base restores the view.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DeployedImageDto, Page } from '../../electron/contract/index';
import { requireDocker } from '../setup/docker-cli';
import { useBrowserSession } from '../setup/browser-session';
import { waitForText } from '../setup/page-text';
import { IMAGE_NAMES } from '../setup/test-images';
import { testdata } from '../setup/testdata';
import { ALPINE_ADVISORIES } from '../setup/alpine-advisories';

requireDocker();
const session = useBrowserSession();
const shot = (name: string): string =>
  path.resolve(__dirname, '../../test-results', `base-images-${name}.png`);
const total = (v: Record<string, number>): number => Object.values(v).reduce((a, b) => a + b, 0);

/** The derived image's scan summary once it is scanned and matched (the console scans every image it sees). */
async function derivedScan(): Promise<NonNullable<DeployedImageDto['scan']>> {
  // Generous: scans run one at a time and the console may still be scanning the daemon's other images.
  const deadline = Date.now() + 240_000;
  for (;;) {
    const page = (await session().call('images:list', {
      search: IMAGE_NAMES.alpineDerived,
    })) as Page<DeployedImageDto>;
    const scan = page.items.find((i) => i.repoTags.includes(IMAGE_NAMES.alpineDerived))?.scan;
    if (scan?.status === 'done' && total(scan.vulns) + (scan.inherited ?? 0) >= 3) return scan;
    if (Date.now() > deadline)
      throw new Error(`alpine-derived not scanned with findings: ${JSON.stringify(scan)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

beforeAll(async () => {
  await session().call('customVulns:save', { entries: ALPINE_ADVISORIES });
  await session().call('feeds:importPath', { path: testdata('feeds', 'osv', 'npm') });
});

describe('base images (web mode, Chromium)', () => {
  it('declares the Alpine test image a base; the derived image then shows fewer findings', async () => {
    const page = session().page;
    const before = await derivedScan();
    expect(before.baseImage).toBeUndefined();

    await page.click('a[href="#/defend/vulnerabilities"]');
    await page.click('a[href="#/defend/vulnerabilities/base-images"]');
    await page.waitForSelector('[data-testid=no-base-images]');
    await page.fill('input[aria-label="base image"]', IMAGE_NAMES.alpineApk);
    await page.click('button:has-text("Add base image")');
    await waitForText(page, '[data-testid=base-images-table]', IMAGE_NAMES.alpineApk);
    await page.screenshot({ path: shot('declared'), fullPage: true });

    const after = await derivedScan();
    expect(after.baseImage).toBe(IMAGE_NAMES.alpineApk);
    expect(after.inherited).toBeGreaterThan(0);
    expect(total(after.vulns)).toBe(total(before.vulns) - after.inherited!);

    await page.click('text=Vulnerabilities · Images');
    const row = page.locator('[data-testid=image-row]', { hasText: IMAGE_NAMES.alpineDerived });
    await waitForText(
      page,
      `[data-testid=image-row]:has-text("${IMAGE_NAMES.alpineDerived}") [data-testid=inherited-count]`,
      `+${after.inherited} inherited`,
    );
    await page.screenshot({ path: shot('images-list'), fullPage: true });

    await row.locator('a').first().click();
    await waitForText(
      page,
      '[data-testid=base-image-note]',
      `Derived from base image ${IMAGE_NAMES.alpineApk}`,
    );
    await waitForText(page, '[data-testid=vulns-table] tbody', 'minimist');
    const own = await page.locator('[data-testid=vulns-table] tbody tr').allTextContents();
    expect(own).toHaveLength(total(after.vulns));
    expect(own.every((r) => r.includes('minimist') && !r.includes('inherited from'))).toBe(true);

    await page.check('input[aria-label="show inherited"]');
    await waitForText(page, '[data-testid=vulns-table] tbody', `inherited from ${IMAGE_NAMES.alpineApk}`);
    const all = await page.locator('[data-testid=vulns-table] tbody tr').allTextContents();
    expect(all).toHaveLength(total(before.vulns));
    expect(all.filter((r) => r.includes('inherited from'))).toHaveLength(after.inherited!);
    expect(all.some((r) => r.includes('MOAT-TEST-MUSL-1') && r.includes('inherited from'))).toBe(true);
    await page.screenshot({ path: shot('derived-detail'), fullPage: true });
  }, 300_000);

  it('removing the base image counts the inherited findings again', async () => {
    const page = session().page;
    await page.click('a[href="#/defend/vulnerabilities"]');
    await page.click('a[href="#/defend/vulnerabilities/base-images"]');
    await page
      .locator('[data-testid=base-image-row]', { hasText: IMAGE_NAMES.alpineApk })
      .locator('button')
      .click();
    await page.waitForSelector('[data-testid=no-base-images]');
    const restored = await derivedScan();
    expect(restored.baseImage).toBeUndefined();
    await page.click('text=Vulnerabilities · Images');
    const row = page.locator('[data-testid=image-row]', { hasText: IMAGE_NAMES.alpineDerived });
    await row.locator('a').first().click();
    await waitForText(page, '[data-testid=vulns-table] tbody', 'MOAT-TEST-MUSL-1');
    expect(await page.locator('[data-testid=vulns-table] tbody tr').count()).toBe(total(restored.vulns));
    expect(await page.locator('[data-testid=base-image-note]').textContent()).not.toContain('Derived from');
  });

  it("a rule added under Defend › Vulnerabilities › Deployed gives the images list's verdict; CI rules stay apart", async () => {
    const page = session().page;
    await page.click('a[href="#/defend/vulnerabilities"]');
    await page.click('a[href="#/defend/vulnerabilities/deployed"]');
    await page.waitForSelector('[data-testid=no-vuln-rules]');
    await page.click('button:has-text("Add rule")');
    const rule = page.locator('[data-testid=vuln-rule]');
    await rule.locator('input[aria-label="vuln rule name"]').fill('Deployed baseline');
    await rule.locator('select[aria-label="failure threshold"]').selectOption('low');
    await page.click('button:has-text("Save rules")');
    await page.waitForSelector('[data-testid=vuln-rules-saved]');
    expect(await session().call('vulnRules:list', { kind: 'ci' })).toEqual([]);

    await page.click('text=Vulnerabilities · Images');
    const verdict = `[data-testid=image-row]:has-text("${IMAGE_NAMES.alpineDerived}") [data-testid=vuln-verdict]`;
    await waitForText(page, verdict, /FAIL.*Deployed baseline/);
    await page.screenshot({ path: shot('deployed-verdict'), fullPage: true });
  });

  it('declares a scanned image a base from its own page', async () => {
    const page = session().page;
    await page.click('text=Vulnerabilities · Images');
    // The link appears once the image is scanned, which may wait behind the daemon's other images.
    const link = page
      .locator('[data-testid=image-row]', { hasText: IMAGE_NAMES.alpineApk })
      .locator('a')
      .first();
    await link.waitFor({ timeout: 240_000 });
    await link.click();
    await waitForText(page, '[data-testid=detail-ref]', IMAGE_NAMES.alpineApk);
    await page.click('button:has-text("Declare as base image")');
    await waitForText(page, '[data-testid=base-images-status]', `${IMAGE_NAMES.alpineApk} is a base image`);
    const derived = await derivedScan();
    expect(derived.baseImage).toBe(IMAGE_NAMES.alpineApk);
    await page.click('text=Vulnerabilities · Images');
    await waitForText(
      page,
      `[data-testid=image-row]:has-text("${IMAGE_NAMES.alpineDerived}") [data-testid=inherited-count]`,
      `+${derived.inherited} inherited`,
    );
  }, 300_000);
});
