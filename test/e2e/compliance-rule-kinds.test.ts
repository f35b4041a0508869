// Defend › Compliance rules › Images & containers in the browser: a deployed-images rule list of its own, ordered
// (first match), listing image and container checks, and judging running containers on Monitor › Compliance.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { docker, dockerOk, requireDocker } from '../setup/docker-cli';
import { useBrowserSession } from '../setup/browser-session';
import { waitForText } from '../setup/page-text';
import { IMAGE_NAMES } from '../setup/test-images';

const shot = (name: string): string =>
  path.resolve(__dirname, '../../test-results', `compliance-kinds-${name}.png`);

requireDocker();
const session = useBrowserSession();
const container = `moat-e2e-comp-kinds-${process.pid}`;
afterAll(() => {
  dockerOk('rm', '-f', container);
});

describe('compliance rules per kind (web mode, Chromium)', () => {
  it('a deployed rule made under Images & containers judges a running container; CI and hosts keep their lists', async () => {
    const page = session().page;
    await page.click('nav >> text=Compliance rules');
    await page.click('a[href="#/defend/rules/deployed"]');
    await waitForText(page, '[data-testid=first-match-note]', 'running containers');
    await page.waitForSelector('[data-testid=no-compliance-rules]');
    await page.click('button:has-text("Add compliance rule")');
    await page.locator('[data-testid=compliance-rule] input[aria-label="rule name"]').fill('All deployed');
    await page.click('button:has-text("Add compliance rule")');
    const second = page.locator('[data-testid=compliance-rule]').nth(1);
    await second.locator('input[aria-label="rule name"]').fill('Busybox containers');
    await second.locator('input[aria-label=scope]').fill(`${IMAGE_NAMES.busybox}*`);
    await second.locator('select[aria-label=template]').selectOption('cis-docker-1.6');
    // Container checks are offered for deployed rules, host checks are not.
    expect(await second.locator('select[aria-label="effect 54"]').count()).toBe(1);
    expect(await second.locator('select[aria-label="effect 113"]').count()).toBe(0);
    // A container started without a memory limit fails CIS 5.11.
    await second.locator('select[aria-label="effect 510"]').selectOption('fail');
    // First match: the narrower rule goes on top.
    await page.click('button[aria-label="move rule 2 up"]');
    await waitForText(page, '[data-testid=compliance-rule-slot] >> nth=0', 'tried first');
    expect(
      await page
        .locator('[data-testid=compliance-rule] >> nth=0')
        .locator('input[aria-label="rule name"]')
        .inputValue(),
    ).toBe('Busybox containers');
    await page.click('button:has-text("Save rules")');
    await page.waitForSelector('[data-testid=rules-saved]');
    await page.screenshot({ path: shot('deployed-rules'), fullPage: true });
    const stored = (await session().call('complianceRules:list', { kind: 'deployed' })) as Array<{
      name: string;
    }>;
    expect(stored.map((r) => r.name)).toEqual(['Busybox containers', 'All deployed']);
    expect(await session().call('complianceRules:list', { kind: 'ci' })).toEqual([]);
    expect(await session().call('complianceRules:list', { kind: 'host' })).toEqual([]);

    docker('run', '-d', '--name', container, '--network', 'none', IMAGE_NAMES.busybox, 'sleep', '300');
    await page.click('a[href="#/monitor/compliance/containers"]');
    const row = `[data-testid=container-row]:has-text("${container}")`;
    await waitForText(page, row, 'Busybox containers', 30_000);
    await page.locator(row).locator('button:has-text("Details")').click();
    const checks = `[data-testid="container-checks-${container}"]`;
    await waitForText(page, `${checks} [data-testid=check-510]`, 'failed');
    // Other failed CIS checks only alert (the rule's default effect): one check counts as failed.
    expect(await page.locator(row).locator('td').nth(3).textContent()).toMatch(/^1(?!\d)/);
    await page.screenshot({ path: shot('containers'), fullPage: true });
  });
});
