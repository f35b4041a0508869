// The workshop's CI flow in the browser: `moat images scan --address` publishes, the CI view shows verdict, who and where.
import fs from 'node:fs';
import os from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { moat } from '../setup/moat-cli';
import { requireDocker } from '../setup/docker-cli';
import { useBrowserSession } from '../setup/browser-session';
import { waitForText } from '../setup/page-text';
import { IMAGE_NAMES } from '../setup/test-images';

requireDocker();
const session = useBrowserSession({ MOAT_USER: 'learner', MOAT_PASSWORD: 'Workshop-Passw0rd!' });

beforeAll(async () => {
  const rules = {
    complianceRules: [
      { name: 'Org Baseline', scope: { images: ['moat-test/*'] }, effects: { '424': 'fail', '425': 'fail' } },
    ],
  };
  await session().call('ci:setRules', { rules });
});

describe('CI results (web mode, Chromium)', () => {
  it('shows a published failing scan with its verdict, user and host, and its compliance failures', async () => {
    const r = await moat(
      [
        'images',
        'scan',
        IMAGE_NAMES.nodeappV1,
        '--address',
        session().serve.base,
        '-u',
        'learner',
        '-p',
        'Workshop-Passw0rd!',
      ],
      { home: session().serve.home },
    );
    expect(r.status, r.stderr).toBe(1);
    await session().page.click('text=Vulnerabilities · CI');
    const row = session().page.locator('[data-testid=ci-row]', { hasText: IMAGE_NAMES.nodeappV1 });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('FAIL');
    expect(text).toContain('learner');
    expect(text).toContain(os.hostname());
    // The list exports as CSV with every published scan, one line each.
    const [download] = await Promise.all([
      session().page.waitForEvent('download'),
      session().page.click('button:has-text("Export CSV")'),
    ]);
    expect(download.suggestedFilename()).toMatch(/^moat-ci-scans-.*\.csv$/);
    const csv = fs.readFileSync(await download.path(), 'utf8').split('\r\n');
    expect(csv[0]).toMatch(/^Scan,Target,Status,Verdict,/);
    const line = csv.find((l) => l.includes(IMAGE_NAMES.nodeappV1));
    expect(line).toMatch(/,done,fail,/i);
    expect(line).toContain('learner');
    await row.locator('a').click();
    await session().page.waitForSelector('[data-testid=ci-verdict]');
    await session().page.click('button:has-text("Compliance")');
    await session().page.waitForSelector('[data-testid=compliance-table]');
    await waitForText(
      session().page,
      '[data-testid=check-424]',
      /fail.*Sensitive information provided in environment variables/i,
    );
    expect(await session().page.textContent('[data-testid=check-424]')).not.toContain(
      '~DUUvI~gbnZ_~~zrj3J4i83q69vuJGczn0',
    );
    expect(await session().page.textContent('[data-testid=check-425]')).toMatch(/fail/);
    // The same scan under Monitor › Compliance › CI, opening straight on its Compliance tab.
    await session().page.click('text=Compliance · CI');
    const compRow = session().page.locator('[data-testid=compliance-scan-row]', {
      hasText: IMAGE_NAMES.nodeappV1,
    });
    await compRow.waitFor();
    expect(await compRow.textContent()).toContain('FAIL');
    await compRow.locator('a').click();
    await waitForText(session().page, '[data-testid=check-425]', /fail/);
  });
});
