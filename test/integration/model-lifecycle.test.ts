// Model lifecycle on the real daemon through the console's API: a model is archived when its image's last
// container is removed, restored when a container of the image is created again (also across console restarts),
// and deleted once archived longer than the setting (API) or MOAT_ARCHIVE_DELETE_SECONDS, losing nothing else.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directClient } from '../../electron/api/dispatch';
import type { ModelDetailDto } from '../../electron/contract/index';
import { composeConsole, type Console } from '../../electron/main/compose';
import { docker, dockerOk, requireDocker, requireRoot } from '../setup/docker-cli';
import { IMAGE_NAMES } from '../setup/test-images';
import { waitFor } from '../setup/wait-for';

requireDocker();
requireRoot('the console embeds the runtime sensors (which create the models) only as root');

// Images of our own, so containers that other tests run from moat-test/busybox cannot keep our models in use.
const tag = `moat-lifecycle-${process.pid}`;
const IMAGE_A = `moat-test/${tag}-a:latest`;
const IMAGE_B = `moat-test/${tag}-b:latest`;
const containers = new Set<string>();
const saved = {
  learning: process.env.MOAT_LEARNING_SECONDS,
  archive: process.env.MOAT_ARCHIVE_DELETE_SECONDS,
};
let home: string;
let app: Console | undefined;

function buildImage(name: string): string {
  execFileSync('docker', ['build', '-q', '-t', name, '--label', `moat.test.lifecycle=${name}`, '-'], {
    input: `FROM ${IMAGE_NAMES.busybox}\n`,
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return docker('image', 'inspect', '--format', '{{.Id}}', name);
}

function run(image: string): string {
  const id = docker('run', '-d', '--network', 'none', image, 'sleep', '3600');
  containers.add(id);
  return id;
}

function create(image: string): string {
  const id = docker('create', '--network', 'none', image, 'sleep', '3600');
  containers.add(id);
  return id;
}

function remove(id: string): void {
  docker('rm', '-f', id);
  containers.delete(id);
}

async function open(): Promise<ReturnType<typeof directClient>> {
  app = composeConsole({ dataDir: home, autoScan: false });
  await app.runtimeReady;
  return directClient(app.dispatch);
}

function close(): void {
  app?.close();
  app = undefined;
}

type Call = ReturnType<typeof directClient>;
const model = (call: Call, id: string): Promise<ModelDetailDto | undefined> =>
  call('models:get', { id }).catch(() => undefined);
const inState = (call: Call, id: string, state: string): Promise<ModelDetailDto> =>
  waitFor(`model ${id} to be ${state}`, 30_000, async () => {
    const m = await model(call, id);
    return m?.state === state ? m : undefined;
  });
const gone = (call: Call, id: string): Promise<true> =>
  waitFor(`model ${id} to be deleted`, 30_000, async () => ((await model(call, id)) ? undefined : true));

let imageA = '';
let imageB = '';

beforeAll(() => {
  process.env.MOAT_LEARNING_SECONDS = '600';
  delete process.env.MOAT_ARCHIVE_DELETE_SECONDS;
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-lifecycle-'));
  imageA = buildImage(IMAGE_A);
  imageB = buildImage(IMAGE_B);
});

afterAll(() => {
  close();
  for (const c of containers) docker('rm', '-f', c);
  for (const img of [IMAGE_A, IMAGE_B]) if (dockerOk('image', 'inspect', img)) docker('rmi', '-f', img);
  for (const [k, v] of [
    ['MOAT_LEARNING_SECONDS', saved.learning],
    ['MOAT_ARCHIVE_DELETE_SECONDS', saved.archive],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  fs.rmSync(home, { recursive: true, force: true });
});

describe('container model lifecycle', () => {
  let auditId = 0;
  let keeper = '';

  it('archives a model when its last container is removed and restores its state when one is created', async () => {
    const call = await open();
    expect(await call('runtime:status', {})).toMatchObject({ phase: 'running' });
    keeper = run(IMAGE_B);
    const a1 = run(IMAGE_A);
    await inState(call, imageB, 'learning');
    await inState(call, imageA, 'learning');
    await call('models:relearn', { image: imageA, action: 'stop' });

    // An audit of A's image, to prove deleting the model later keeps it.
    docker('exec', a1, 'top', '-n', '1');
    const audit = await waitFor('an audit for top', 20_000, async () =>
      (await call('audits:list', { search: 'top', image: IMAGE_A })).items.find((a) => a.container === a1),
    );
    auditId = audit.id;

    remove(a1);
    const archived = await inState(call, imageA, 'archived');
    expect(archived.history.at(-1)?.detail).toBe('archived: no container uses the image');
    expect(Date.parse(archived.deleteAt!) - Date.parse(archived.archivedAt!)).toBe(30 * 24 * 3600 * 1000);
    expect((await call('models:list', { state: 'archived' })).items.map((m) => m.id)).toContain(imageA);
    expect((await model(call, imageB))?.state).toBe('learning');

    // A stopped (created, never started) container uses the image too.
    const a2 = create(IMAGE_A);
    const back = await inState(call, imageA, 'active');
    expect(back.history.at(-1)).toMatchObject({
      kind: 'state',
      detail: 'active: a container of the image exists again',
      container: a2,
    });
    expect(back.archivedAt).toBeUndefined();

    // Removed while the console is down: archived by the check at start-up.
    close();
    remove(a2);
    const again = await open();
    const atStart = await inState(again, imageA, 'archived');
    expect(atStart.history.filter((h) => h.detail === 'archived: no container uses the image')).toHaveLength(
      2,
    );
    expect((await model(again, imageB))?.state).toBe('learning');
  });

  it('deletes models archived longer than the setting, and nothing else', async () => {
    const call = directClient(app!.dispatch);
    const before = await model(call, imageB);
    const settings = await call('runtime:settings', { archiveDeleteSeconds: 1 });
    expect(settings).toMatchObject({ archiveDeleteSeconds: 1, archiveDeleteSource: 'setting' });
    await gone(call, imageA);
    // The other model, the audit of the deleted model's image, and the image's history stay.
    const after = await model(call, imageB);
    expect(after).toMatchObject({ state: 'learning', counts: before!.counts });
    const audits = await call('audits:list', { image: IMAGE_A });
    expect(audits.items.map((a) => a.id)).toContain(auditId);
    const history = app!.db
      .prepare('SELECT detail FROM model_history WHERE model_id = ? ORDER BY id')
      .all(imageA) as Array<{ detail: string }>;
    expect(history.at(-1)?.detail).toBe('deleted: archived for more than 1 s');
    expect(history.map((h) => h.detail)).toContain('active: a container of the image exists again');
  });

  it('takes the delete time from MOAT_ARCHIVE_DELETE_SECONDS and plans deletions at start-up', async () => {
    close();
    remove(keeper);
    process.env.MOAT_ARCHIVE_DELETE_SECONDS = '2';
    const call = await open();
    expect(await call('runtime:settings', {})).toMatchObject({
      archiveDeleteSeconds: 2,
      archiveDeleteSource: 'MOAT_ARCHIVE_DELETE_SECONDS',
      storedArchiveDeleteSeconds: 1,
    });
    await gone(call, imageB);
    const history = app!.db
      .prepare('SELECT detail FROM model_history WHERE model_id = ? ORDER BY id')
      .all(imageB) as Array<{ detail: string }>;
    expect(history.slice(-2).map((h) => h.detail)).toEqual([
      'archived: no container uses the image',
      'deleted: archived for more than 2 s',
    ]);
    expect((await call('models:list', {})).items.filter((m) => m.id === imageA || m.id === imageB)).toEqual(
      [],
    );
    expect((await call('audits:list', { image: IMAGE_A })).items.map((a) => a.id)).toContain(auditId);
  });
});
