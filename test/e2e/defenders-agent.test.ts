// Manage › Defenders for a console that uses the local agent: with no agent it says runtime defense is off and
// gives the exact commands (agent, systemd unit, group); once `moat agent --local` runs it shows the link.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findGroup } from '../../agent/local/socket-access';
import { startAgent, type AgentProcess } from '../setup/agent-process';
import { requireDocker, requireRoot } from '../setup/docker-cli';
import { launchBrowser } from '../setup/browser';
import { waitForText } from '../setup/page-text';
import { startServe, type ServeProcess } from '../setup/serve-process';

requireDocker();
requireRoot('moat agent --local runs as root');

let dir: string;
let sock: string;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let agent: AgentProcess | undefined;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-defenders-'));
  sock = path.join(dir, 'agent.sock');
  serve = await startServe({ MOAT_RUNTIME: 'agent', MOAT_AGENT_SOCKET: sock });
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(serve.loginUrl);
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await agent?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Defenders page with the local agent', () => {
  it('says runtime defense is off and exactly how to turn it on', async () => {
    await page.click('text=Defenders');
    await waitForText(page, '[data-testid=runtime-mode]', /^local agent$/);
    await waitForText(
      page,
      '[data-testid=runtime-off-reason]',
      `no local agent is running (nothing at ${sock})`,
    );
    const steps = await waitForText(page, '[data-testid=enable-steps]', 'systemctl enable --now moat-agent');
    expect(steps).toContain(`sudo moat agent --local --socket ${sock}`);
    expect(steps).toMatch(/usermod -aG moat \S+/);
    await waitForText(page, '[data-testid=agent-connected]', 'not connected');
  });

  it('shows the link and the agent sensor backend once the agent runs', async () => {
    const group = ['adm', 'daemon'].map((n) => findGroup(n)).find((g) => g !== undefined);
    if (!group) throw new Error('this test needs an "adm" or "daemon" group in /etc/group');
    agent = await startAgent(sock, group.name);
    // The console retries with backoff (at most 5 s apart) and the page polls every 2 s.
    await waitForText(page, '[data-testid=agent-connected]', /^connected to moat \S+ \(pid \d+\)$/, 30_000);
    await waitForText(page, '[data-testid=runtime-backend]', /^(ebpf|procfs)$/, 30_000);
    await waitForText(page, '[data-testid=runtime-reason]', /^local agent \(moat/);
    await page.waitForSelector('[data-testid=runtime-off]', { state: 'detached', timeout: 15_000 });
  });
});
