// Debian's Chromium driven by playwright-core (Playwright's own browser download is not possible here).
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.MOAT_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `e2e tests need Chromium at ${CHROMIUM} (apt-get install chromium, or set MOAT_CHROMIUM)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Collects what the page reports as errors: uncaught exceptions and console errors. Failed requests the tests
 * provoke on purpose (401 before login, 400 for refused input) are the browser's network log, not the app's errors.
 */
export function watchPageErrors(page: Page): () => string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) return;
    errors.push(`console.error: ${msg.text()}`);
  });
  return () => errors;
}
