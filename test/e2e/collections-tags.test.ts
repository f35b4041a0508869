// Collections and tags in the browser: a collection scopes a CI vulnerability rule, a finding is tagged with a
// comment (still there after a reload), and an exception added from the Vulnerabilities tab makes
// `moat images scan` stop failing on that CVE.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { moat } from '../setup/moat-cli';
import { requireDocker } from '../setup/docker-cli';
import { useBrowserSession } from '../setup/browser-session';
import { waitForText } from '../setup/page-text';
import { IMAGE_NAMES } from '../setup/test-images';
import { testdata } from '../setup/testdata';

requireDocker();
const USER = 'learner';
const PASSWORD = 'Workshop-Passw0rd!';
const session = useBrowserSession({ MOAT_USER: USER, MOAT_PASSWORD: PASSWORD });
const CVE = 'CVE-2020-7598';
const shot = (name: string): string => path.resolve(__dirname, `../../test-results/${name}.png`);

beforeAll(async () => {
  // minimist 0.0.8 in nodeapp:v1 is affected by this advisory (medium).
  await session().call('feeds:importPath', {
    path: testdata('feeds', 'osv', 'npm', 'GHSA-vh95-rmgr-6w4m.json'),
  });
});

async function scanWithCli(): Promise<{ status: number | null; out: string }> {
  const r = await moat(
    [
      'images',
      'scan',
      IMAGE_NAMES.nodeappV1,
      '--address',
      session().serve.base,
      '-u',
      USER,
      '-p',
      PASSWORD,
      '--details',
    ],
    { home: session().serve.home, timeout: 120_000 },
  );
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe('collections and tags (web mode, Chromium)', () => {
  it('creates a collection on Manage › Collections and tags', async () => {
    const page = session().page;
    await page.click('text=Collections and tags');
    await page.waitForSelector('[data-testid=no-collections]');
    await page.fill('input[aria-label="collection name"]', 'Workshop images');
    await page.fill('input[aria-label="collection description"]', 'the lab nodeapp images');
    await page.fill('input[aria-label="collection images"]', 'moat-test/nodeapp:*');
    await page.click('button:has-text("Add collection")');
    await waitForText(page, '[data-testid=collection-row]', 'Workshop images');
    await waitForText(page, '[data-testid=collection-row]', 'moat-test/nodeapp:*');
    await waitForText(page, '[data-testid=tags-table]', 'Fixed upstream');
    await page.fill('input[aria-label="tag name"]', 'Needs triage');
    await page.fill('input[aria-label="tag description"]', 'not looked at yet');
    await page.click('button:has-text("Add tag")');
    await waitForText(page, '[data-testid=tags-table]', 'not looked at yet');
    await page.click('button[aria-label="edit tag Needs triage"]');
    await page.fill('input[aria-label="tag description"]', 'nobody has looked at it yet');
    await page.click('button:has-text("Save tag")');
    await waitForText(page, '[data-testid=tags-table]', 'nobody has looked at it yet');
    await page.screenshot({ path: shot('collections'), fullPage: true });
  });

  it('uses the collection as the scope of a CI vulnerability rule', async () => {
    const page = session().page;
    await page.click('a[href="#/defend/vulnerabilities"]');
    await page.click('a[href="#/defend/vulnerabilities/ci"]');
    await page.waitForSelector('[data-testid=no-vuln-rules]');
    await page.click('button:has-text("Add rule")');
    const rule = page.locator('[data-testid=vuln-rule]').last();
    await rule.locator('input[aria-label="vuln rule name"]').fill('Org baseline');
    await rule.locator('select[aria-label="failure threshold"]').selectOption('low');
    await rule.locator('input[aria-label="vuln scope collection Workshop images"]').check();
    await page.click('button:has-text("Save rules")');
    await page.waitForSelector('[data-testid=vuln-rules-saved]');
    await page.screenshot({ path: shot('collection-scope'), fullPage: true });
    const stored = (await session().call('vulnRules:list', { kind: 'ci' })) as Array<{
      name: string;
      scope?: { collections?: string[] };
    }>;
    expect(stored.map((r) => [r.name, r.scope?.collections])).toEqual([
      ['Org baseline', ['Workshop images']],
    ]);
    await page.click('text=Collections and tags');
    await waitForText(page, '[data-testid=collection-row]', 'CI vulnerability rule "Org baseline"');
    // Still used: deleting it is refused, naming the rule.
    await page.click('button[aria-label="delete collection Workshop images"]');
    await waitForText(
      page,
      '[data-testid=collections-error]',
      'used by CI vulnerability rule "Org baseline"',
    );
  });

  it('fails the CLI scan, then tags the finding with a comment that is still there after a reload', async () => {
    const first = await scanWithCli();
    expect(first.status, first.out).toBe(1);
    expect(first.out).toContain(CVE);
    const page = session().page;
    await page.click('text=Vulnerabilities · CI');
    const row = page.locator('[data-testid=ci-row]', { hasText: IMAGE_NAMES.nodeappV1 });
    await row.waitFor();
    await row.locator('a').first().click();
    await page.waitForSelector('[data-testid=vulns-table]');
    await page.click(`button[aria-label="tag ${CVE} minimist"]`);
    const form = page.locator('[data-testid=tag-form]');
    await form.locator('select[aria-label=tag]').selectOption('In progress');
    await form.locator('input[aria-label=comment]').fill('upgrade to 1.2.6 planned');
    await form.locator('button:has-text("Add tag")').click();
    await waitForText(page, '[data-testid=finding-message]', `Tagged ${CVE} "In progress"`);
    const tags = page
      .locator('[data-testid=vulns-table] tr', { hasText: CVE })
      .locator('[data-testid=finding-tags]');
    await waitForText(page, '[data-testid=finding-tags]', 'In progress');

    await page.reload();
    await page.waitForSelector('[data-testid=vulns-table]');
    await waitForText(page, '[data-testid=finding-tags]', 'In progress');
    const title = (await tags.locator('.chip').first().getAttribute('title')) ?? '';
    expect(title).toContain('upgrade to 1.2.6 planned');
    expect(title).toContain(USER);

    await page.selectOption('select[aria-label="filter by tag"]', 'Ignored');
    await page.waitForSelector('[data-testid=no-vulns]');
    await page.selectOption('select[aria-label="filter by tag"]', 'In progress');
    await waitForText(page, '[data-testid=vulns-table] tbody', CVE);
    await page.screenshot({ path: shot('finding-tags'), fullPage: true });
  });

  it('adds an exception from the Vulnerabilities tab, after which the CLI scan passes', async () => {
    const page = session().page;
    await page.click(`button[aria-label="add exception for ${CVE} minimist"]`);
    const form = page.locator('[data-testid=exception-form]');
    await form.locator('input[aria-label=expires]').fill('2099-12-31');
    await form.locator('input[aria-label=reason]').fill('not reachable in our use');
    await form.locator('button:has-text("Add exception")').click();
    await waitForText(
      page,
      '[data-testid=finding-message]',
      `Exception for ${CVE} until 2099-12-31 added to the ci vulnerability rule "Org baseline"`,
    );
    const second = await scanWithCli();
    expect(second.status, second.out).toBe(0);
  });
});
