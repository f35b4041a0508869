// Monitor › Vulnerabilities › Hosts in the browser: scan the console's host, see its packages and host compliance.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { requireDocker, requireRoot } from '../setup/docker-cli';
import { useBrowserSession } from '../setup/browser-session';
import { waitForText } from '../setup/page-text';

requireDocker();
requireRoot('host compliance reads /etc/shadow and the Docker socket');
const session = useBrowserSession();

describe('hosts screen (web mode, Chromium)', () => {
  it('scans this host and shows its dpkg packages and daemon/host checks', async () => {
    const { page } = session();
    await page.click('text=Vulnerabilities · Hosts');
    await page.click('button:has-text("Scan this host")');
    const link = page.locator('[data-testid=host-row] a', { hasText: os.hostname() }).first();
    await link.waitFor({ timeout: 180_000 });
    await link.click();
    await page.click('button:has-text("Package info")');
    await page.waitForSelector('[data-testid=packages-table] tbody tr');
    const installed = execFileSync('dpkg-query', ['-W', '-f', '${db:Status-Status}\\n'], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l === 'installed').length;
    await waitForText(page, '.pager', `${installed} total`);
    await page.click('button:has-text("Compliance")');
    await page.waitForSelector('[data-testid=compliance-table] tbody tr');
    expect(await page.locator('[data-testid=compliance-table] tbody tr').count()).toBeGreaterThan(5);
  }, 240_000);
});
