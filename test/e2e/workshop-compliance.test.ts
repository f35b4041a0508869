// Workshop exercises 3–6 through the console: the vulnerability and compliance rules for CI and hosts made in Defend,
// a custom check, `moat images scan` publishing to the console, the verdicts under Monitor › Vulnerabilities › CI, the
// keep-CI-results setting, host compliance judged by the host rule, and the layer that brought a vulnerable package.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { moat, type MoatRun } from '../setup/moat-cli';
import { requireDocker } from '../setup/docker-cli';
import { useBrowserSession } from '../setup/browser-session';
import { IMAGE_NAMES } from '../setup/test-images';
import { waitForText } from '../setup/page-text';
import { waitFor } from '../setup/wait-for';
import { testdata } from '../setup/testdata';

/** Screens are saved for people to look at (test-results/ is not committed). */
const shot = (name: string): string => path.resolve(__dirname, '../../test-results', `workshop-${name}.png`);

requireDocker();
const session = useBrowserSession();

const scan = (ref: string): Promise<MoatRun> =>
  moat(
    ['images', 'scan', ref, '--details', '--address', session().serve.base, '--token', session().serve.token],
    { home: session().serve.home },
  );

/** A `| id | severity | title ... | fail |` row of the --details compliance table. */
const failedRow = (id: number): RegExp => new RegExp(`\\| ${id} +\\|.*\\| fail +\\|`);

describe('workshop exercises 3 and 4 (web mode, Chromium + CLI)', () => {
  it('exercise 3.2: the host vulnerability rule is made under Defend › Vulnerabilities › Hosts', async () => {
    const page = session().page;
    await page.click('a[href="#/defend/vulnerabilities"]');
    await page.click('a[href="#/defend/vulnerabilities/hosts"]');
    await page.waitForSelector('[data-testid=no-vuln-rules]');
    await page.click('button:has-text("Add rule")');
    const rule = page.locator('[data-testid=vuln-rule]');
    await rule.locator('input[aria-label="vuln rule name"]').fill('Org Baseline Host Vulnerability Rule');
    // A host rule's scope names hosts, not images.
    expect(await rule.locator('input[aria-label="vuln scope"]').getAttribute('placeholder')).toMatch(
      /^host names/,
    );
    await rule.locator('select[aria-label="alert threshold"]').selectOption('low');
    // The workshop sets no failure threshold for hosts.
    await rule.locator('select[aria-label="failure threshold"]').selectOption('');
    await rule.locator('input[aria-label="only fixed"]').check();
    await page.click('button:has-text("Save rules")');
    await page.waitForSelector('[data-testid=vuln-rules-saved]');
    await page.screenshot({ path: shot('host-vulnerability-rule'), fullPage: true });
    expect(await session().call('vulnRules:list', { kind: 'host' })).toEqual([
      { name: 'Org Baseline Host Vulnerability Rule', alertThreshold: 'low', onlyFixed: true },
    ]);
    // The CI list is its own.
    expect(await session().call('vulnRules:list', { kind: 'ci' })).toEqual([]);
  });

  it('exercise 4.1: the CI compliance rule (NIST SP 800-190, 424/425/422 fail) fails nodeapp:v1 and passes v2', async () => {
    const page = session().page;
    await page.click('nav >> text=Compliance rules');
    await waitForText(page, '[aria-label="compliance rule kinds"] [aria-current=page]', 'CI');
    await page.waitForSelector('[data-testid=no-compliance-rules]');
    await page.click('button:has-text("Add compliance rule")');
    const rule = page.locator('[data-testid=compliance-rule]');
    await rule.locator('input[aria-label="rule name"]').fill('Org Baseline Container Compliance Rule');
    await rule.locator('input[aria-label=scope]').fill('moat-test/*');
    await rule.locator('select[aria-label=template]').selectOption('nist-800-190');
    // Sensitive information in environment variables, private keys stored in the image, image contains malware.
    for (const id of [424, 425, 422])
      await rule.locator(`select[aria-label="effect ${id}"]`).selectOption('fail');
    await page.click('button:has-text("Save rules")');
    await page.waitForSelector('[data-testid=rules-saved]');
    await page.screenshot({ path: shot('ci-compliance-rule'), fullPage: true });
    expect(await session().call('complianceRules:list', { kind: 'ci' })).toEqual([
      {
        name: 'Org Baseline Container Compliance Rule',
        scope: { images: ['moat-test/*'] },
        template: 'nist-800-190',
        defaultEffect: 'alert',
        effects: { '424': 'fail', '425': 'fail', '422': 'fail' },
      },
    ]);

    const v1 = await scan(IMAGE_NAMES.nodeappV1);
    expect(v1.status, v1.stderr).toBe(1);
    expect(v1.stdout).toMatch(failedRow(424));
    expect(v1.stdout).toMatch(failedRow(425));
    expect(v1.stdout).not.toMatch(failedRow(422));
    expect(v1.stdout).toMatch(/^Compliance threshold check results: FAIL$/m);
    const v2 = await scan(IMAGE_NAMES.nodeappV2);
    expect(v2.status, v2.stdout).toBe(0);
    expect(v2.stdout).toMatch(/^Compliance threshold check results: PASS$/m);
  });

  it('exercise 4.2: the GDPR host compliance rule decides what Monitor › Compliance › Hosts shows', async () => {
    const page = session().page;
    await page.click('nav >> text=Compliance rules');
    await page.click('a[href="#/defend/rules/hosts"]');
    await page.waitForSelector('[data-testid=no-compliance-rules]');
    await page.click('button:has-text("Add compliance rule")');
    const rule = page.locator('[data-testid=compliance-rule]');
    await rule.locator('input[aria-label="rule name"]').fill('Org Baseline Host Compliance Rule');
    await rule.locator('select[aria-label=template]').selectOption('gdpr');
    // Only host and daemon checks are offered for hosts, and no custom (image) checks.
    expect(await rule.locator('button:has-text("Add custom check")').count()).toBe(0);
    await page.click('button:has-text("Save rules")');
    await page.waitForSelector('[data-testid=rules-saved]');
    await page.screenshot({ path: shot('host-compliance-rule'), fullPage: true });
    expect(await session().call('complianceRules:list', { kind: 'host' })).toEqual([
      { name: 'Org Baseline Host Compliance Rule', template: 'gdpr', defaultEffect: 'alert' },
    ]);
    expect(await session().call('complianceRules:list', { kind: 'ci' })).toHaveLength(1);

    const catalog = (await session().call('compliance:catalog', {})) as {
      templates: Array<{ id: string; checks: number[] }>;
      checks: Array<{ id: number; kind: string }>;
    };
    const gdpr = catalog.templates.find((t) => t.id === 'gdpr')!.checks;
    const hostChecks = catalog.checks
      .filter((c) => gdpr.includes(c.id) && (c.kind === 'host' || c.kind === 'daemon'))
      .map((c) => String(c.id))
      .sort();
    await page.click('a[href="#/monitor/compliance/hosts"]');
    await waitForText(
      page,
      '[data-testid=host-compliance-rule]',
      'Org Baseline Host Compliance Rule',
      60_000,
    );
    const shown = (
      await page.locator('[data-testid=host-compliance] tbody tr td:first-child').allTextContents()
    )
      .map((t) => t.trim())
      .sort();
    expect(shown).toEqual(hostChecks);
    // The rule alerts on every GDPR check (its default effect): failed checks show as alerted, none as failed.
    const outcomes = await page.locator('[data-testid=check-outcome]').allTextContents();
    expect(outcomes).toHaveLength(hostChecks.length);
    expect(outcomes.every((o) => o === 'alerted' || o === 'ok')).toBe(true);
    await waitForText(page, '[data-testid=host-compliance-summary]', ' 0 failed');
    await page.screenshot({ path: shot('host-compliance'), fullPage: true });
  });
});

describe('workshop exercise 6 (web mode, Chromium + CLI)', () => {
  it('a custom sensitive-file check added in Defend fails nodeapp:v1 in CI and passes nodeapp:v2', async () => {
    // Exercise 6.2 edits the rule made in exercise 4.1.
    await session().page.click('nav >> text=Compliance rules');
    await session().page.click('a[href="#/defend/rules"]');
    const rule = session().page.locator('[data-testid=compliance-rule]');
    await waitForText(session().page, '[data-testid=compliance-rule-slot]', '#1');
    expect(await rule.locator('input[aria-label="rule name"]').inputValue()).toBe(
      'Org Baseline Container Compliance Rule',
    );
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

    const v1 = await scan(IMAGE_NAMES.nodeappV1);
    expect(v1.status, v1.stderr).toBe(1);
    expect(v1.stdout).toMatch(/\| 9100 +\| high +\| Sensitive File Check .*\| fail +\|/);
    expect(v1.stdout).toMatch(/^Compliance threshold check results: FAIL$/m);
    const v2 = await scan(IMAGE_NAMES.nodeappV2);
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
    const v2 = await scan(IMAGE_NAMES.nodeappV2);
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

  it('exercise 5.6: Manage › System decides whether published CI scans are kept', async () => {
    const page = session().page;
    const kept = async (): Promise<number> =>
      ((await session().call('scans:list', { kind: 'ci' })) as { total: number }).total;
    const before = await kept();
    await page.click('nav >> text=System');
    await waitForText(page, '[data-testid="setting-ci.keepResults"]', 'true');
    await page.click('input[aria-label="keep CI results"]');
    await waitForText(page, '[data-testid="setting-ci.keepResults"]', 'false');
    await page.screenshot({ path: shot('system-keep-ci-results'), fullPage: true });
    const r = await scan(IMAGE_NAMES.nodeappV2);
    expect(r.stderr).toContain('is set not to keep CI results');
    expect(await kept()).toBe(before);
    await page.click('input[aria-label="keep CI results"]');
    await waitForText(page, '[data-testid="setting-ci.keepResults"]', 'true');
    const again = await scan(IMAGE_NAMES.nodeappV2);
    expect(again.stderr).toContain('Results published to');
    expect(await kept()).toBe(before + 1);
  });
});

describe('image layers (web mode, Chromium)', () => {
  it("the Layers tab of moat-test/debian-vuln shows the layer that installed libssl3 with the feed's CVEs", async () => {
    const page = session().page;
    await session().call('feeds:importPath', { path: testdata('feeds', 'debian-tracker', 'bookworm.json') });
    // Deployed images are scanned one at a time as the console finds them; wait for this one's matched scan.
    await waitFor(
      'a matched scan of moat-test/debian-vuln',
      280_000,
      async () => {
        const list = (await session().call('scans:list', { kind: 'deployed', search: 'debian-vuln' })) as {
          items: Array<{ id: number; ref: string; status: string; vulns: Record<string, number> }>;
        };
        const s = list.items.find((i) => i.ref === IMAGE_NAMES.debianVuln && i.status === 'done');
        return s && Object.values(s.vulns).some((n) => n > 0) ? s : undefined;
      },
      500,
    );
    await page.click('a[href="#/monitor/vulnerabilities/images"]');
    const row = page.locator('[data-testid=image-row]', { hasText: IMAGE_NAMES.debianVuln });
    await page.fill('input[placeholder="Search image name or ID"]', 'debian-vuln');
    await row.locator('a').first().click({ timeout: 60_000 });
    await waitForText(page, '[data-testid=detail-ref]', IMAGE_NAMES.debianVuln);
    // Matched against the imported Debian feed: no warning from a match made before it is left on the page.
    const warnings = await page.locator('[data-testid=scan-warnings] li').allTextContents();
    expect(warnings.join('\n')).not.toContain('no vulnerability data in intel.db for deb:debian:12');
    await page.click('button:has-text("Layers")');
    // libssl3 3.0.17-1~deb12u2 is pinned in the image; the bookworm feed fixes 37 CVEs in later versions.
    await waitForText(
      page,
      '[data-testid=layer-0] [data-testid=layer-vulnerable]',
      'libssl3 3.0.17-1~deb12u2 (37)',
      30_000,
    );
    await page.screenshot({ path: shot('debian-vuln-layers'), fullPage: true });
  }, 300_000);
});
