// `moat models` and `moat audits` against a running `moat serve` (as root, runtime on), found through MOAT_HOME's
// console.json — the terminal path for SSH-only users.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOAT_BIN, moatSync, type MoatRun } from '../setup/moat-cli';
import type { AuditDto, ModelSummaryDto } from '../../electron/contract/index';
import { invokeConsole } from '../../electron/cli/image-scan/console-client';
import { docker, requireDocker, requireRoot } from '../setup/docker-cli';
import { startServe, type ServeProcess } from '../setup/serve-process';
import { IMAGE_NAMES } from '../setup/test-images';
import { waitFor } from '../setup/wait-for';

requireDocker();
requireRoot('moat serve embeds the runtime sensors only as root');

let serve: ServeProcess;
let container = '';

const moat = (...args: string[]): MoatRun => moatSync(args, { home: serve.home, timeout: 30_000 });

const target = (): { address: string; token: string } => ({ address: serve.base, token: serve.token });

const busyboxModel = (): ModelSummaryDto | undefined => {
  const r = moat('models', 'list', '--json');
  if (r.status !== 0) throw new Error(`moat models list --json failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as ModelSummaryDto[]).find((m) => m.image === IMAGE_NAMES.busybox);
};

beforeAll(async () => {
  serve = await startServe({ MOAT_RUNTIME: 'on', MOAT_LEARNING_SECONDS: '3' });
});
afterAll(async () => {
  if (container) docker('rm', '-f', container);
  await serve?.stop();
});

describe('moat models / moat audits against moat serve', () => {
  it('registers the console in console.json (0600) for the terminal commands', () => {
    const file = path.join(serve.home, 'console.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const info = JSON.parse(fs.readFileSync(file, 'utf8')) as { url: string; token: string; pid: number };
    expect(info.token).toBe(serve.token);
    expect(info.pid).toBe(serve.child.pid);
  });

  it('lists the learned model, prints audits as JSON, follows new ones live, and relearns', async () => {
    // moat serve prints its URL before the sensors are attached; a container started earlier is learned late.
    const t0 = Date.now();
    while (!(await invokeConsole(target(), 'runtime:status', {})).running) {
      if (Date.now() - t0 > 30_000) throw new Error('runtime sensors of moat serve did not start in 30 s');
      await new Promise((r) => setTimeout(r, 200));
    }
    container = docker('run', '-d', '--network', 'none', IMAGE_NAMES.busybox, 'httpd', '-f', '-p', '8080');
    await waitFor('the busybox model to turn active', 20_000, () =>
      busyboxModel()?.state === 'active' ? true : undefined,
    );
    const table = moat('models', 'list');
    expect(table.status).toBe(0);
    expect(table.stdout).toContain(IMAGE_NAMES.busybox);
    expect(table.stdout).toMatch(/\| active\s+\|/);

    docker('exec', container, 'top', '-n', '1');
    const top = await waitFor('moat audits --json to show top', 5_000, () => {
      const r = moat('audits', '--json');
      expect(r.status).toBe(0);
      const rows = r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as AuditDto);
      return rows.find((a) => a.what === 'top' && a.container === container);
    });
    expect(top).toMatchObject({ kind: 'process', image: IMAGE_NAMES.busybox, rule: 'process not in model' });
    expect(moat('audits', '--kind', 'dns', '--json').stdout.trim()).toBe('');

    // --follow: a process first seen after the command started is printed as it is recorded.
    const follow = spawn(process.execPath, [MOAT_BIN, 'audits', '--follow', '--json'], {
      env: { ...process.env, MOAT_HOME: serve.home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    follow.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor('the follower to print the existing audits', 10_000, () =>
      out.includes('"top"') ? true : undefined,
    );
    docker('exec', container, 'ps');
    await waitFor('a live audit for ps', 5_000, () => (out.includes('"what":"ps"') ? true : undefined));
    const exited = new Promise<number | null>((resolve) => follow.once('exit', (code) => resolve(code)));
    follow.kill('SIGINT');
    expect(await exited).toBe(0);

    const start = moat('models', 'relearn', IMAGE_NAMES.busybox, 'start');
    expect(start.status).toBe(0);
    expect(start.stdout).toMatch(/Manual learning started/);
    expect(busyboxModel()).toMatchObject({ state: 'learning', manual: true });
    const stop = moat('models', 'relearn', IMAGE_NAMES.busybox, 'stop');
    expect(stop.stdout).toMatch(/the model is active/);
    const bad = moat('models', 'relearn', IMAGE_NAMES.busybox, 'pause');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/say start or stop/);

    // The model's own learning period, then back to the global one.
    const own = moat('models', 'learning', IMAGE_NAMES.busybox, '600');
    expect(own.status).toBe(0);
    expect(own.stdout).toContain(`${IMAGE_NAMES.busybox} now learns for 600 s`);
    expect(busyboxModel()).toMatchObject({ learningSeconds: 600, ownLearningSeconds: 600 });
    expect(moat('models', 'list').stdout).toContain('(own 600 s)');
    const reset = moat('models', 'learning', IMAGE_NAMES.busybox, 'default');
    expect(reset.status).toBe(0);
    expect(reset.stdout).toContain('now follows the global learning period (3 s)');
    const after = busyboxModel();
    expect(after?.learningSeconds).toBe(3);
    expect(after?.ownLearningSeconds).toBeUndefined();
    const badSeconds = moat('models', 'learning', IMAGE_NAMES.busybox, 'soon');
    expect(badSeconds.status).toBe(2);
    expect(badSeconds.stderr).toMatch(/give whole seconds .* or "default", got "soon"/);
  });

  it('says how to reach a console when none is registered, and removes console.json on exit', async () => {
    const r = moatSync(['models'], { home: path.join(serve.home, 'nowhere') });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no running console found.*--address and --token/);
    const file = path.join(serve.home, 'console.json');
    const home = serve.home;
    // stop() removes the home afterwards; watch for the file going while the process exits
    let goneBeforeHome = false;
    serve.child.once('exit', () => (goneBeforeHome = !fs.existsSync(file) && fs.existsSync(home)));
    await serve.stop();
    expect(goneBeforeHome).toBe(true);
  });
});
