// Runtime defense in the browser (moat serve as root, runtime on): Container audits shows a new audit live,
// Container models shows the learned model and its history, Defenders shows the sensor backend and why.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeConsole } from '../../electron/cli/image-scan/console-client';
import { docker, requireDocker, requireRoot } from '../setup/docker-cli';
import { launchBrowser, watchPageErrors } from '../setup/browser';
import { startServe, type ServeProcess } from '../setup/serve-process';
import { waitForText } from '../setup/page-text';
import { IMAGE_NAMES } from '../setup/test-images';
import { waitFor } from '../setup/wait-for';

requireDocker();
requireRoot('moat serve embeds the runtime sensors only as root');

let serve: ServeProcess;
let browser: Browser;
let page: Page;
let pageErrors: () => string[] = () => [];
let container = '';

beforeAll(async () => {
  serve = await startServe({ MOAT_RUNTIME: 'on', MOAT_LEARNING_SECONDS: '3' });
  browser = await launchBrowser();
  page = await browser.newPage();
  pageErrors = watchPageErrors(page);
  await page.goto(serve.loginUrl);
});
afterAll(async () => {
  const errors = [...pageErrors()];
  if (container) docker('rm', '-f', container);
  await browser?.close();
  await serve?.stop();
  if (errors.length > 0) throw new Error(`the page reported errors:\n${errors.join('\n')}`);
});

describe('runtime screens (web mode, Chromium)', () => {
  it('shows a new container audit live, without a reload', async () => {
    const target = { address: serve.base, token: serve.token };
    // moat serve prints its URL before the sensors are attached; a container started earlier is learned late.
    await waitFor('runtime sensors to run', 30_000, async () => {
      const st = await invokeConsole(target, 'runtime:status', {});
      return st.running ? st : undefined;
    });
    container = docker('run', '-d', '--network', 'none', IMAGE_NAMES.busybox, 'httpd', '-f', '-p', '8080');
    await waitFor('the busybox model to turn active', 20_000, async () => {
      const list = await invokeConsole(target, 'models:list', { search: IMAGE_NAMES.busybox });
      return list.items.find((m) => m.state === 'active');
    });

    await page.click('text=Events · Container audits');
    await page.waitForSelector('[data-testid=audits-table]');
    const rowsBefore = await page.locator('[data-testid=audit-row]').count();
    expect(rowsBefore).toBe(0);
    const url = page.url();
    docker('exec', container, 'top', '-n', '1');
    const row = page.locator('[data-testid=audit-row]', { hasText: 'top' });
    await row.first().waitFor({ timeout: 5_000 });
    expect(page.url()).toBe(url);
    expect(await row.first().textContent()).toContain('process not in model');

    // The search narrows the list on the server.
    await page.fill('[data-testid=audit-search]', 'no-such-process');
    await page.click('button:has-text("Search")');
    await page.waitForSelector('[data-testid=audits-empty]');
    await page.fill('[data-testid=audit-search]', 'top');
    await page.click('button:has-text("Search")');
    await page.locator('[data-testid=audit-row]', { hasText: 'top' }).first().waitFor();
  });

  it('lists the model with its processes and history, and relearns from the table', async () => {
    await page.click('text=Runtime · Container models');
    const row = page.locator('[data-testid=model-row]', { hasText: IMAGE_NAMES.busybox });
    await row.waitFor();
    await waitForText(page, '[data-testid=model-row] [data-testid=model-state]', /^active/);
    await row.locator('button:has-text("Relearn")').click();
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid=model-row] [data-testid=model-state]')
        ?.textContent?.includes('manual'),
    );
    await row.locator('a').click();
    await page.waitForSelector('[data-testid=model-processes]');
    // The tab shows exactly what the console stored for the model.
    const stored = await invokeConsole({ address: serve.base, token: serve.token }, 'models:get', {
      id: IMAGE_NAMES.busybox,
    });
    expect(stored.processes.map((p) => p.name)).toContain('httpd');
    const names = await page
      .locator('[data-testid=model-processes] tbody tr td:first-child')
      .allTextContents();
    expect(names.sort()).toEqual(stored.processes.map((p) => p.name).sort());
    await page.click('button:has-text("Stop learning")');
    await page.click('button:has-text("History")');
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid=model-history]')
        ?.textContent?.includes('learning stopped by user'),
    );
    expect(await page.textContent('[data-testid=model-history]')).toContain('manual learning started');

    // The model's own learning period, stored through the API, then back to the global one.
    await page.fill('[aria-label="Model learning period in minutes"]', '10');
    await page.click('[data-testid=model-learning-form] button:has-text("Save")');
    await waitForText(page, '[data-testid=model-learning-source]', /own period: 10 min/);
    const own = await invokeConsole({ address: serve.base, token: serve.token }, 'models:get', {
      id: IMAGE_NAMES.busybox,
    });
    expect(own).toMatchObject({ ownLearningSeconds: 600, learningSeconds: 600 });
    await page.click('button:has-text("Use the global period")');
    await waitForText(page, '[data-testid=model-learning-source]', /follows the global period \(0\.05 min\)/);
    await waitForText(page, '[data-testid=model-history]', /learning period reset to the global setting/);
  });

  it('shows the embedded agent, its sensor backend and why', async () => {
    await page.click('text=Defenders');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=runtime-mode]')?.textContent === 'embedded',
    );
    await waitForText(page, '[data-testid=runtime-backend]', /^(ebpf|procfs)$/);
    await waitForText(page, '[data-testid=runtime-reason]', /eBPF|\/proc/);
    // The learning period setting is stored; this console's MOAT_LEARNING_SECONDS still wins, and it says so.
    await page.fill('[aria-label="Learning period in minutes"]', '5');
    await page.click('[data-testid=learning-form] button:has-text("Save")');
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid=learning-form]')
        ?.textContent?.includes('MOAT_LEARNING_SECONDS=3 overrides'),
    );
    // The override note shows before the save too: wait for the stored value, not for the text.
    const settings = await waitFor('the learning setting to be stored', 5_000, async () => {
      const s = await invokeConsole({ address: serve.base, token: serve.token }, 'runtime:settings', {});
      return s.storedLearningSeconds === 300 ? s : undefined;
    });
    expect(settings).toMatchObject({ storedLearningSeconds: 300, learningSeconds: 3 });

    // How long archived models are kept: days in the form, seconds in the API.
    await page.fill('[aria-label="Delete archived models after days"]', '7');
    await page.click('[data-testid=archive-form] button:has-text("Save")');
    const archive = await waitFor('the archive setting to be stored', 5_000, async () => {
      const s = await invokeConsole({ address: serve.base, token: serve.token }, 'runtime:settings', {});
      return s.storedArchiveDeleteSeconds === 7 * 86_400 ? s : undefined;
    });
    expect(archive).toMatchObject({ archiveDeleteSeconds: 7 * 86_400, archiveDeleteSource: 'setting' });
  });
});
