// The container radar through the console's own API (composeConsole as root, runtime on): two images on an
// --internal network, one fetching from the other; the radar shows both images and the connection their model learned.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directClient } from '../../electron/api/dispatch';
import type { RadarDto } from '../../electron/contract/index';
import { composeConsole, type Console } from '../../electron/main/compose';
import { docker, dockerOk, requireDocker, requireRoot } from '../setup/docker-cli';
import { IMAGE_NAMES } from '../setup/test-images';
import { waitFor } from '../setup/wait-for';

requireDocker();
requireRoot('the console embeds the runtime sensors only when it runs as root');

const BUSYBOX = '/bin/busybox';
const network = `moat-radar-${process.pid}`;
const started: string[] = [];
let app: Console | undefined;
let home: string;
const savedLearning = process.env.MOAT_LEARNING_SECONDS;

beforeAll(async () => {
  if (!fs.existsSync(BUSYBOX)) throw new Error(`${BUSYBOX} is missing (apt-get install busybox-static)`);
  // Long enough that the connection is learned, not audited.
  process.env.MOAT_LEARNING_SECONDS = '600';
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-radar-'));
  app = composeConsole({ dataDir: home, autoScan: false });
  await app.runtimeReady;
  docker('network', 'create', '--internal', network);
});
afterAll(() => {
  for (const c of started) dockerOk('rm', '-f', c);
  dockerOk('network', 'rm', network);
  app?.close();
  if (savedLearning === undefined) delete process.env.MOAT_LEARNING_SECONDS;
  else process.env.MOAT_LEARNING_SECONDS = savedLearning;
  fs.rmSync(home, { recursive: true, force: true });
});

describe('container radar', () => {
  it('shows running images as nodes and the learned connection between them as an edge', async () => {
    const call = directClient(app!.dispatch);
    expect(await call('radar:get', {})).toMatchObject({ windowHours: 24 });
    // The server: the Debian test image serving HTTP with the host's static busybox.
    const server = docker(
      'run',
      '-d',
      '--network',
      network,
      '-v',
      `${BUSYBOX}:/busybox:ro`,
      IMAGE_NAMES.debianVuln,
      '/busybox',
      'httpd',
      '-f',
      '-p',
      '8080',
    );
    started.push(server);
    const ip = docker(
      'inspect',
      '--format',
      `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`,
      server,
    );
    const client = docker(
      'run',
      '-d',
      '--network',
      network,
      IMAGE_NAMES.busybox,
      'sh',
      '-c',
      `while true; do wget -q -O /dev/null http://${ip}:8080/ 2>/dev/null; sleep 1; done`,
    );
    started.push(client);
    const serverImage = docker('inspect', '--format', '{{.Image}}', server);
    const clientImage = docker('inspect', '--format', '{{.Image}}', client);

    let last: RadarDto | undefined;
    const radar = await waitFor('the radar edge busybox -> debian-vuln:8080', 30_000, async () => {
      const r: RadarDto = await call('radar:get', {});
      last = r;
      const edge = r.edges.find(
        (e) => e.source === `image:${clientImage}` && e.target === `image:${serverImage}`,
      );
      return edge?.ports.includes(8080) ? r : undefined;
    }).catch(async (e: Error) => {
      const model = await call('models:get', { id: clientImage }).catch((err: Error) => err.message);
      throw new Error(`${e.message}; radar: ${JSON.stringify(last)}; client model: ${JSON.stringify(model)}`);
    });
    const nodeOf = (imageId: string) => radar.nodes.find((n) => n.id === `image:${imageId}`);
    const clientName = docker('inspect', '--format', '{{.Name}}', client).replace(/^\//, '');
    expect(nodeOf(clientImage)).toMatchObject({
      kind: 'image',
      label: IMAGE_NAMES.busybox,
      networks: [network],
    });
    expect(nodeOf(clientImage)!.containers).toContain(clientName);
    expect(nodeOf(serverImage)).toMatchObject({ kind: 'image', label: IMAGE_NAMES.debianVuln });
    expect(nodeOf(serverImage)!.listening).toContain(8080);

    // A stopped container leaves the radar.
    docker('rm', '-f', client);
    const after = await call('radar:get', {});
    expect(after.nodes.some((n) => n.id === `image:${clientImage}`)).toBe(false);
    expect(after.edges.some((e) => e.source === `image:${clientImage}`)).toBe(false);
  });

  it('refuses a window that is not a whole number of hours between 1 and 720', async () => {
    const call = directClient(app!.dispatch);
    await expect(call('radar:get', { windowHours: 0 })).rejects.toThrow(/windowHours/);
    await expect(call('radar:get', { windowHours: 1.5 } as never)).rejects.toThrow(/windowHours/);
  });
});
