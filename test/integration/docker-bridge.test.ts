// The embedded agent's Docker bridge against the real daemon, plus a socket relay we can cut to play a dockerd restart.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DockerBridge, type DockerEvent, type DockerState } from '../../agent/docker/bridge';
import { docker, requireDocker } from '../setup/docker-cli';
import { IMAGE_NAMES } from '../setup/test-images';

requireDocker();
const DAEMON_SOCKET = '/var/run/docker.sock';
const cleanup: Array<() => void> = [];
afterAll(() => cleanup.reverse().forEach((f) => f()));

function waitFor<T>(
  bridge: DockerBridge,
  kind: 'state' | 'event',
  pred: (v: T) => boolean,
  ms = 20_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching ${kind} within ${ms} ms`)), ms);
    const on = (v: T): void => {
      if (!pred(v)) return;
      clearTimeout(timer);
      bridge.off(kind, on as never);
      resolve(v);
    };
    bridge.on(kind, on as never);
  });
}

/** A unix socket that relays to dockerd, and can be closed (daemon "down") and reopened. */
function relay(socketPath: string): { open(): Promise<void>; close(): Promise<void> } {
  let server: net.Server | undefined;
  const conns = new Set<net.Socket>();
  return {
    open: () =>
      new Promise((resolve) => {
        fs.rmSync(socketPath, { force: true });
        server = net.createServer((client) => {
          const upstream = net.connect(DAEMON_SOCKET);
          conns.add(client).add(upstream);
          client.pipe(upstream).pipe(client);
          const drop = (): void => {
            client.destroy();
            upstream.destroy();
          };
          client.on('error', drop).on('close', drop);
          upstream.on('error', drop).on('close', drop);
        });
        server.listen(socketPath, () => resolve());
      }),
    close: () =>
      new Promise((resolve) => {
        conns.forEach((c) => c.destroy());
        conns.clear();
        if (server) server.close(() => resolve());
        else resolve();
      }),
  };
}

describe('Docker bridge (real daemon)', () => {
  it('connects, reports the daemon version, and lists what `docker images` lists', async () => {
    const bridge = new DockerBridge();
    const connected = waitFor<DockerState>(bridge, 'state', (s) => s.connection === 'connected');
    bridge.start();
    cleanup.push(() => bridge.stop());
    const state = await connected;
    expect(state.version).toBe(docker('version', '--format', '{{.Server.Version}}'));
    const ids = new Set((await bridge.listImages()).map((i) => i.Id));
    const cli = new Set(docker('images', '-q', '--no-trunc').split('\n').filter(Boolean));
    expect(ids).toEqual(cli);
  });

  it('follows Docker events as they happen', async () => {
    const bridge = new DockerBridge();
    const connected = waitFor<DockerState>(bridge, 'state', (s) => s.connection === 'connected');
    bridge.start();
    cleanup.push(() => bridge.stop());
    await connected;
    const tag = `moat-test/bridge-event:${process.pid}`;
    const tagged = waitFor<DockerEvent>(bridge, 'event', (e) => e.type === 'image' && e.action === 'tag');
    docker('tag', IMAGE_NAMES.busybox, tag);
    cleanup.push(() => docker('rmi', tag));
    const event = await tagged;
    expect(event.actorId).toMatch(/^sha256:/);
    expect(Date.parse(event.time)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('says plainly when Docker is unreachable', async () => {
    const missing = path.join(os.tmpdir(), `moat-no-docker-${process.pid}.sock`);
    const bridge = new DockerBridge(`unix://${missing}`);
    const down = waitFor<DockerState>(bridge, 'state', (s) => s.connection === 'unreachable');
    bridge.start();
    cleanup.push(() => bridge.stop());
    const state = await down;
    expect(state.error).toContain(missing);
    expect(state.error).toMatch(/no Docker daemon socket/);
  });

  it('reconnects and resumes events after the daemon goes away and comes back', async () => {
    const sock = path.join(os.tmpdir(), `moat-relay-${process.pid}.sock`);
    const r = relay(sock);
    await r.open();
    cleanup.push(() => void r.close());
    const bridge = new DockerBridge(`unix://${sock}`);
    bridge.start();
    cleanup.push(() => bridge.stop());
    await waitFor<DockerState>(bridge, 'state', (s) => s.connection === 'connected');

    const lost = waitFor<DockerState>(bridge, 'state', (s) => s.connection === 'unreachable');
    await r.close();
    expect((await lost).error).toBeTruthy();

    const back = waitFor<DockerState>(bridge, 'state', (s) => s.connection === 'connected');
    await r.open();
    await back;
    const tag = `moat-test/bridge-reconnect:${process.pid}`;
    const tagged = waitFor<DockerEvent>(bridge, 'event', (e) => e.type === 'image' && e.action === 'tag');
    docker('tag', IMAGE_NAMES.busybox, tag);
    cleanup.push(() => docker('rmi', tag));
    await tagged;
  });
});
