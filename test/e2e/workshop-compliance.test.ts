// Workshop exercises 3–6 through the console: the CI vulnerability rule and a custom check made in Defend, then
// `moat images scan` publishing to the console and the verdicts shown under Monitor › Vulnerabilities › CI.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireDocker } from '../setup/docker-cli';
import { useBrowserSession } from '../setup/browser-session';
import { IMAGE_NAMES } from '../setup/test-images';
import { waitForText } from '../setup/page-text';
import { testdata } from '../setup/testdata';

/** Screens are saved for people to look at (test-results/ is not committed). */
const shot = (name: string): string => path.resolve(__dirname, '../../test-results', `workshop-${name}.png`);

requireDocker();
const session = useBrowserSession();

const scan = (ref: string): { status: number | null; stdout: string; stderr: string } =>
  spawnSync(
    process.execPath,
    [
      path.resolve(__dirname, '../../bin/moat'),
      'images',
      'scan',
      ref,
      '--details',
      '--address',
      session().serve.base,
      '--token',
      session().serve.token,
    ],
    { encoding: 'utf8', env: { ...process.env, MOAT_HOME: session().serve.home } },
  );

describe('workshop exercise 6 (web mode, Chromium + CLI)', () => {
  it('a custom sensitive-file check added in Defend fails nodeapp:v1 in CI and passes nodeapp:v2', async () => {
    await session().page.click('nav >> text=Compliance rules');
    await session().page.click('button:has-text("Add compliance rule")');
    const rule = session().page.locator('[data-testid=compliance-rule]');
    await rule.locator('input[aria-label="rule name"]').fill('Org Baseline Container Compliance Rule');
    await rule.locator('input[aria-label=scope]').fill('moat-test/*');
    await rule.locator('select[aria-label=template]').selectOption('nist-800-190');
    await rule.locator('button:has-text("Add custom check")').click();
    const check = rule.locator('[data-testid=custom-check]');
    await check.locator('input[aria-label="check name"]').fill('Sensitive File Check');
    await check
      .locator('input[aria-label="check description"]')
      .fill('Checks for sensitive file on container image');
    await check
      .locator('textarea[aria-label="check script"]')
      .fill('if [ -f /tmp/sensitive.txt ]; then\n    echo "File found!"\n    exit 1\nfi\n');
    await rule.locator('select[aria-label="effect 9100"]').selectOption('fail');
    await rule.locator('select[aria-label="effect 424"]').selectOption('fail');
    await session().page.click('button:has-text("Save rules")');
    await session().page.waitForSelector('[data-testid=rules-saved]');

    const v1 = scan(IMAGE_NAMES.nodeappV1);
    expect(v1.status, v1.stderr).toBe(1);
    expect(v1.stdout).toMatch(/\| 9100 +\| high +\| Sensitive File Check .*\| fail +\|/);
    expect(v1.stdout).toMatch(/^Compliance threshold check results: FAIL$/m);
    const v2 = scan(IMAGE_NAMES.nodeappV2);
    expect(v2.status, v2.stdout).toBe(0);
    expect(v2.stdout).toMatch(/^Compliance threshold check results: PASS$/m);
  });

  it('exercise 3 and 5: the CI vulnerability rule made in Defend fails a published scan, shown as FAIL in CI', async () => {
    const page = session().page;
    // minimist 0.0.8 in the nodeapp images has fixed, critical and medium npm advisories.
    await session().call('feeds:importPath', { path: testdata('feeds', 'osv', 'npm') });
    await page.click('a[href="#/defend/vulnerabilities"]');
    await page.waitForSelector('[data-testid=first-match-note]');
    await page.click('a[href="#/defend/vulnerabilities/ci"]');
    await page.waitForSelector('[data-testid=no-vuln-rules]');
    await page.click('button:has-text("Add rule")');
    const rule = page.locator('[data-testid=vuln-rule]');
    await rule
      .locator('input[aria-label="vuln rule name"]')
      .fill('Org Baseline Container Vulnerability Rule');
    await rule.locator('select[aria-label="alert threshold"]').selectOption('low');
    await rule.locator('select[aria-label="failure threshold"]').selectOption('medium');
    await rule.locator('input[aria-label="only fixed"]').check();
    await page.click('button:has-text("Save rules")');
    await page.waitForSelector('[data-testid=vuln-rules-saved]');
    await page.screenshot({ path: shot('ci-vulnerability-rule'), fullPage: true });
    const stored = (await session().call('vulnRules:list', { kind: 'ci' })) as Array<Record<string, unknown>>;
    expect(stored).toEqual([
      expect.objectContaining({
        name: 'Org Baseline Container Vulnerability Rule',
        alertThreshold: 'low',
        failThreshold: 'medium',
        onlyFixed: true,
      }),
    ]);

    // nodeapp:v2 passes compliance (exercise 6) but its vulnerable minimist now fails the CI rule.
    const v2 = scan(IMAGE_NAMES.nodeappV2);
    expect(v2.status, v2.stderr).toBe(1);
    expect(v2.stdout).toMatch(/^Vulnerability threshold check results: FAIL$/m);
    expect(v2.stdout).toMatch(/^Compliance threshold check results: PASS$/m);
    expect(v2.stdout).toContain('minimist');

    await page.click('text=Vulnerabilities · CI');
    // Exercise 6 published nodeapp:v2 too (PASS); the newest result is listed first.
    const row = page.locator('[data-testid=ci-row]', { hasText: IMAGE_NAMES.nodeappV2 }).first();
    await row.waitFor();
    await waitForText(page, `[data-testid=ci-row]:has-text("${IMAGE_NAMES.nodeappV2}")`, 'FAIL');
    await page.screenshot({ path: shot('ci-results'), fullPage: true });
    await row.locator('a').first().click();
    await waitForText(page, '[data-testid=ci-verdict]', 'FAIL');
    await waitForText(page, '[data-testid=vulns-table] tbody', 'minimist');
    await page.screenshot({ path: shot('ci-scan-detail'), fullPage: true });
  });
});
