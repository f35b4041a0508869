// Radar in the browser: a running container's image appears as a node (graph and table), and leaves when it stops.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { docker, dockerOk, requireDocker } from '../setup/docker-cli';
import { useBrowserSession } from '../setup/browser-session';
import { IMAGE_NAMES } from '../setup/test-images';

requireDocker();
const session = useBrowserSession();
let container = '';
afterAll(() => {
  if (container) dockerOk('rm', '-f', container);
});

describe('radar (web mode, Chromium)', () => {
  it('draws a running container as its image node and removes it live when the container stops', async () => {
    const { page } = session();
    container = docker('run', '-d', '--network', 'none', IMAGE_NAMES.busybox, 'sleep', '300');
    const name = docker('inspect', '--format', '{{.Name}}', container).replace(/^\//, '');
    await page.click('text=Radar');
    const row = page.locator('[data-testid=radar-node]', { hasText: name });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.locator('td').first().textContent()).toBe(IMAGE_NAMES.busybox);
    // Cytoscape drew the graph: its canvases are inside the radar box.
    await page.waitForSelector('[data-testid=radar-graph] canvas');
    fs.mkdirSync(path.resolve(__dirname, '../../test-results'), { recursive: true });
    await page.screenshot({ path: path.resolve(__dirname, '../../test-results/radar.png'), fullPage: true });
    const url = page.url();
    docker('rm', '-f', container);
    container = '';
    await row.waitFor({ state: 'detached', timeout: 15_000 });
    expect(page.url()).toBe(url);
  });
});
