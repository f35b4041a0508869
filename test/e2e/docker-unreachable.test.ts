// Without a reachable Docker daemon the console still opens and says so plainly.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../setup/browser';
import { startServe, type ServeProcess } from '../setup/serve-process';

const MISSING = `/tmp/moat-e2e-no-docker-${process.pid}.sock`;
let serve: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  serve = await startServe({ DOCKER_HOST: `unix://${MISSING}` });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

describe('dashboard without Docker', () => {
  it('opens, shows the host, and explains that Docker is unreachable', async () => {
    const page = await browser.newPage();
    await page.goto(serve.loginUrl);
    await page.waitForSelector('[data-testid=docker-state]:has-text("unreachable")');
    expect(await page.textContent('[data-testid=docker-error]')).toContain(
      `no Docker daemon socket at unix://${MISSING}`,
    );
    expect(await page.textContent('[data-testid=host-kernel]')).toBeTruthy();
    expect(await page.textContent('[data-testid=count-images]')).toBe('0');
  });
});
