// One `moat serve` and one logged-in Chromium page per e2e file: registers its own beforeAll/afterAll.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, watchPageErrors } from './browser';
import { startServe, type ServeProcess } from './serve-process';

export interface BrowserSession {
  serve: ServeProcess;
  browser: Browser;
  page: Page;
  /** Calls the console API with the session token, failing on an error answer. */
  call(channel: string, params: unknown): Promise<unknown>;
}

export function useBrowserSession(env: Record<string, string> = {}): () => BrowserSession {
  let session: BrowserSession | undefined;
  let pageErrors: () => string[] = () => [];
  beforeAll(async () => {
    const serve = await startServe(env);
    const browser = await launchBrowser();
    const page = await browser.newPage();
    pageErrors = watchPageErrors(page);
    await page.goto(serve.loginUrl);
    session = { serve, browser, page, call: serve.call };
  });
  afterAll(async () => {
    const errors = [...pageErrors()];
    await session?.browser.close();
    await session?.serve.stop();
    // The console must not log errors while a learner uses it.
    if (errors.length > 0) throw new Error(`the page reported errors:\n${errors.join('\n')}`);
  });
  return () => {
    if (!session) throw new Error('the browser session is not started (use it inside a test)');
    return session;
  };
}
