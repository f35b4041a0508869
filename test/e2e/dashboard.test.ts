// The dashboard in a real browser over web mode: login with the token, real counts, live updates.
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, requireDocker } from '../setup/docker-cli';
import { launchBrowser, watchPageErrors } from '../setup/browser';
import { startServe, type ServeProcess } from '../setup/serve-process';
import { tarBuffer } from '../setup/test-images';

requireDocker();
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let pageErrors: () => string[] = () => [];
const created: string[] = [];

beforeAll(async () => {
  serve = await startServe();
  browser = await launchBrowser();
  page = await browser.newPage();
  pageErrors = watchPageErrors(page);
});
afterAll(async () => {
  const errors = [...pageErrors()];
  for (const ref of created) docker('rmi', '-f', ref);
  await browser?.close();
  await serve?.stop();
  if (errors.length > 0) throw new Error(`the page reported errors:\n${errors.join('\n')}`);
});

/** What the user would count by hand. */
const cliImageCount = (): number =>
  Number(execFileSync('sh', ['-c', 'docker images -q | sort -u | wc -l'], { encoding: 'utf8' }).trim());

describe('dashboard (web mode, Chromium)', () => {
  it('shows the login page without the token, and the dashboard after logging in with it', async () => {
    await page.goto(serve.base + '/');
    expect(await page.textContent('label[for=token]')).toContain('Access token');
    await page.fill('#token', serve.token);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=count-images]');
    expect(page.url()).not.toContain('token=');
  });

  it('shows the real host and Docker state and exactly the image count the docker CLI reports', async () => {
    await page.waitForSelector('[data-testid=docker-state]:has-text("connected")');
    expect(await page.textContent('[data-testid=host-kernel]')).toBe(
      execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim(),
    );
    expect(await page.textContent('[data-testid=host-name]')).toBe(
      execFileSync('hostname', { encoding: 'utf8' }).trim(),
    );
    expect(Number(await page.textContent('[data-testid=count-images]'))).toBe(cliImageCount());
  });

  it('shows a new image without a reload', async () => {
    const before = Number(await page.textContent('[data-testid=count-images]'));
    const ref = `moat-test/e2e-new:${process.pid}-${Date.now()}`;
    const tar = await tarBuffer([{ name: 'hello.txt', content: `unique ${ref}` }]);
    execFileSync('docker', ['import', '-', ref], { input: tar });
    created.push(ref);
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid=count-images]')?.textContent) === n,
      before + 1,
      { timeout: 15_000 },
    );
    expect(Number(await page.textContent('[data-testid=count-images]'))).toBe(cliImageCount());
  });
});
