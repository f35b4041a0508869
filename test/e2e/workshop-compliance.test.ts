// Workshop exercise 6 through the console: add a custom check in Defend, make it fail in the CI rule, scan with the CLI.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireDocker } from '../setup/docker-cli';
import { useBrowserSession } from '../setup/browser-session';
import { IMAGE_NAMES } from '../setup/test-images';

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
});
