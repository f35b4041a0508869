// Defend's two rule pages share the stored CI rules: saving one page must not undo what the other saved meanwhile.
import { describe, expect, it } from 'vitest';
import { requireDocker } from '../setup/docker-cli';
import { useBrowserSession } from '../setup/browser-session';

requireDocker();
const session = useBrowserSession();

describe('Defend rule pages (web mode, Chromium)', () => {
  it('saving compliance rules keeps CI vulnerability rules saved after the page loaded', async () => {
    const page = session().page;
    await page.click('nav >> text=Compliance rules');
    await page.click('button:has-text("Add compliance rule")');
    await page
      .locator('[data-testid=compliance-rule] input[aria-label="rule name"]')
      .fill('Org Baseline Container Compliance Rule');
    // Meanwhile (another tab, or the API) the CI vulnerability list changes.
    await session().call('vulnRules:set', {
      kind: 'ci',
      rules: [
        { name: 'Org Baseline Container Vulnerability Rule', alertThreshold: 'low', failThreshold: 'medium' },
      ],
    });
    await page.click('button:has-text("Save rules")');
    await page.waitForSelector('[data-testid=rules-saved]');
    const stored = (await session().call('ci:rules', {})) as {
      vulnerabilityRules: Array<{ name: string }>;
      complianceRules: Array<{ name: string }>;
    };
    expect(stored.complianceRules.map((r) => r.name)).toEqual(['Org Baseline Container Compliance Rule']);
    expect(stored.vulnerabilityRules.map((r) => r.name)).toEqual([
      'Org Baseline Container Vulnerability Rule',
    ]);
  });
});
