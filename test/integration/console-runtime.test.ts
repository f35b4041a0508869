// Runtime defense through the console's own API (composeConsole as root): the busybox httpd model is stored in
// console.db, a `docker exec top` after learning becomes an audit in audits:list and on audit:new, relearning is history.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directClient } from '../../electron/api/dispatch';
import type { AuditDto } from '../../electron/contract/index';
import { composeConsole, type Console } from '../../electron/main/compose';
import { docker, requireDocker, requireRoot } from '../setup/docker-cli';
import { IMAGE_NAMES } from '../setup/test-images';
import { waitFor } from '../setup/wait-for';

requireDocker();
requireRoot('the console embeds the runtime sensors only when it runs as root');

let app: Console | undefined;
let home: string;
const started: string[] = [];
const savedLearning = process.env.MOAT_LEARNING_SECONDS;

beforeAll(async () => {
  process.env.MOAT_LEARNING_SECONDS = '3';
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-console-rt-'));
  app = composeConsole({ dataDir: home, autoScan: false });
  await app.runtimeReady;
});
afterAll(() => {
  for (const c of started) docker('rm', '-f', c);
  app?.close();
  if (savedLearning === undefined) delete process.env.MOAT_LEARNING_SECONDS;
  else process.env.MOAT_LEARNING_SECONDS = savedLearning;
  fs.rmSync(home, { recursive: true, force: true });
});

describe('runtime defense in the console', () => {
  it('stores the model, audits docker exec top after learning, and records relearning', async () => {
    const call = directClient(app!.dispatch);
    const status = await call('runtime:status', {});
    expect(status).toMatchObject({ mode: 'embedded', phase: 'running', running: true });
    expect(['ebpf', 'procfs']).toContain(status.backend);
    expect(status.reason).not.toBe('');
    expect(status).toMatchObject({ learningSeconds: 3, learningSource: 'MOAT_LEARNING_SECONDS' });

    const pushed: AuditDto[] = [];
    const off = app!.bus.subscribe('audit:new', (rows) => pushed.push(...rows));

    const id = docker('run', '-d', '--network', 'none', IMAGE_NAMES.busybox, 'httpd', '-f', '-p', '8080');
    started.push(id);
    const imageId = docker('inspect', '--format', '{{.Image}}', id);

    const learned = await waitFor('httpd and port 8080 in the stored model', 10_000, async () => {
      const m = await call('models:get', { id: imageId }).catch(() => undefined);
      return m && m.processes.some((p) => p.name === 'httpd') && m.listening.includes(8080) ? m : undefined;
    });
    expect(learned.image).toBe(IMAGE_NAMES.busybox);
    // Stored in console.db, not only in memory.
    const row = app!.db.prepare('SELECT state, listening FROM models WHERE id = ?').get(imageId) as
      { state: string; listening: string } | undefined;
    expect(JSON.parse(row!.listening)).toContain(8080);

    await waitFor('the model to turn active', 8_000, async () => {
      const m = await call('models:get', { id: imageId });
      return m.state === 'active' ? m : undefined;
    });
    const listed = await call('models:list', { search: IMAGE_NAMES.busybox });
    expect(listed.items.find((m) => m.id === imageId)).toMatchObject({ state: 'active' });

    docker('exec', id, 'top', '-n', '1');
    const audit = await waitFor('an audit for top in audits:list', 4_000, async () => {
      const page = await call('audits:list', { kind: 'process', search: 'top' });
      return page.items.find((a) => a.what === 'top' && a.container === id);
    });
    expect(audit).toMatchObject({ image: IMAGE_NAMES.busybox, rule: 'process not in model' });
    // docker's exec_start and the process sensor's exec are one audit, counted, not two rows
    expect(audit.count).toBeGreaterThanOrEqual(1);
    expect(
      (await call('audits:list', { search: 'top' })).items.filter((a) => a.container === id),
    ).toHaveLength(1);
    await waitFor('audit:new pushed for top', 2_000, async () => pushed.find((a) => a.id === audit.id));
    off();
    // Filters narrow: no listen audit for top, and an unknown image has none.
    expect((await call('audits:list', { kind: 'listen', search: 'top' })).total).toBe(0);
    expect((await call('audits:list', { image: 'no/such:image' })).total).toBe(0);

    const relearning = await call('models:relearn', { image: IMAGE_NAMES.busybox, action: 'start' });
    expect(relearning).toMatchObject({ id: imageId, state: 'learning', manual: true });
    docker('exec', id, 'top', '-n', '1');
    await waitFor('top learned during manual relearning', 4_000, async () => {
      const m = await call('models:get', { id: imageId });
      return m.processes.some((p) => p.name === 'top') ? m : undefined;
    });
    const stopped = await call('models:relearn', { image: imageId, action: 'stop' });
    expect(stopped.state).toBe('active');
    await expect(call('models:relearn', { image: imageId, action: 'stop' })).rejects.toThrow(/not learning/);
    await expect(call('models:get', { id: 'no-such-model' })).rejects.toThrow(/no container model/);

    const history = (await call('models:get', { id: imageId })).history;
    const details = history.map((h) => h.detail);
    expect(details).toContain('manual learning started');
    expect(details).toContain('active: learning stopped by user');
    expect(details.some((d) => d.startsWith('active: learning finished after 3 s'))).toBe(true);
    expect(
      history.some((h) => h.kind === 'learned' && h.detail === 'process: top' && h.container === id),
    ).toBe(true);
  });

  it('keeps models and audits across a restart of the console', async () => {
    app!.close();
    app = composeConsole({ dataDir: home, autoScan: false, runtime: false });
    const call = directClient(app.dispatch);
    const status = await call('runtime:status', {});
    expect(status).toMatchObject({ mode: 'off', phase: 'off', running: false });
    expect(status.reason).toMatch(/disabled/);
    const models = await call('models:list', {});
    expect(models.items.some((m) => m.image === IMAGE_NAMES.busybox)).toBe(true);
    const audits = await call('audits:list', { search: 'top' });
    expect(audits.items.some((a) => a.what === 'top' && a.kind === 'process')).toBe(true);
  });
});
