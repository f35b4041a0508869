// The agent server and the console's link over a real unix socket: live streaming, resume after a dropped
// connection, a restarted agent, and hostile peers on either side.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { baseEvent, type EnrichedEvent } from '../runtime/events';
import { AgentLink } from './agent-client';
import { AgentServer } from './agent-server';
import { encodeMessage, type AgentStatus } from './protocol';

let dir: string;
let sock: string;
const cleanup: Array<() => unknown> = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-link-'));
  sock = path.join(dir, 'agent.sock');
});
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
  fs.rmSync(dir, { recursive: true, force: true });
});

const status: AgentStatus = {
  phase: 'running',
  backend: 'procfs',
  reason: 'test',
  sensors: [],
  dropped: 0,
  errors: 0,
  since: 'now',
};

async function server(
  opts: Partial<ConstructorParameters<typeof AgentServer>[0]> = {},
): Promise<AgentServer> {
  const s = new AgentServer({
    socketPath: sock,
    gid: process.getgid!(),
    agent: 'moat test',
    host: 'h',
    status: () => status,
    statusIntervalMs: 50,
    ...opts,
  });
  await s.start();
  cleanup.push(() => s.stop());
  return s;
}

function ev(n: number): EnrichedEvent {
  return baseEvent('test', 'exec', 'h', { pid: n, name: `p${n}` });
}

function link(got: number[]): AgentLink {
  const l = new AgentLink({
    socketPath: sock,
    onEvent: (e) => got.push(e.pid),
    backoffMinMs: 20,
    backoffMaxMs: 100,
  });
  cleanup.push(() => l.stop());
  return l;
}

async function until(what: string, cond: () => boolean, ms = 5000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Connects as a raw client and collects the agent's lines until it closes. */
function raw(send: (s: net.Socket) => void): Promise<string[]> {
  return new Promise((resolve) => {
    const s = net.connect(sock);
    let buf = '';
    s.on('data', (d) => (buf += d.toString()));
    s.on('connect', () => send(s));
    s.on('error', () => undefined);
    s.on('close', () => resolve(buf.split('\n').filter((l) => l !== '')));
  });
}

describe('agent socket', () => {
  it('is created root-owned with mode 0660 and refuses a second agent on the same path', async () => {
    await server();
    expect(fs.statSync(sock).mode & 0o777).toBe(0o660);
    expect(fs.statSync(sock).gid).toBe(process.getgid!());
    const second = new AgentServer({ socketPath: sock, gid: 0, agent: 'x', host: 'h', status: () => status });
    await expect(second.start()).rejects.toThrow(/another agent is already serving/);
  });

  it('streams live events once each and resumes after a dropped connection without duplicates', async () => {
    const s = await server();
    s.publish(ev(1)); // before any console: a first connection starts live
    const got: number[] = [];
    const l = link(got);
    await l.start();
    expect(l.state()).toMatchObject({ connected: true, agent: 'moat test', reconnects: 0 });
    s.publish(ev(2));
    s.publish(ev(3));
    await until('2 and 3', () => got.length === 2);
    s.disconnectClients();
    await until('the link to notice', () => !l.state().connected);
    s.publish(ev(4)); // while disconnected: kept in the ring
    await until('reconnect', () => l.state().connected && l.state().reconnects === 1);
    s.publish(ev(5));
    await until('4 and 5', () => got.length === 4);
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toEqual([2, 3, 4, 5]);
  });

  it('takes everything from a restarted agent, though its numbers start again at 1', async () => {
    const s1 = await server();
    const got: number[] = [];
    const l = link(got);
    await l.start();
    for (const n of [1, 2, 3]) s1.publish(ev(n));
    await until('first three', () => got.length === 3);
    const first = l.state().instance;
    await s1.stop();
    await until('disconnect', () => !l.state().connected);
    const s2 = await server();
    s2.publish(ev(10)); // seq 1 of the new agent, before the console is back
    await until('reconnect to the new agent', () => l.state().connected && l.state().instance !== first);
    s2.publish(ev(11));
    await until('10 and 11', () => got.length === 5);
    expect(got).toEqual([1, 2, 3, 10, 11]);
  });

  it('says which gap it could not fill when the ring overflowed during a disconnect', async () => {
    const s = await server({ ringSize: 2 });
    const got: number[] = [];
    const l = link(got);
    await l.start();
    s.disconnectClients();
    await until('the link to notice', () => !l.state().connected);
    for (const n of [1, 2, 3, 4, 5]) s.publish(ev(n));
    await until('replay', () => got.length === 2);
    expect(got).toEqual([4, 5]);
    expect(l.state().missed).toBe(3);
  });

  it('drops a console that stops reading instead of buffering without bound', async () => {
    const s = await server({ maxBacklogBytes: 64 * 1024 });
    const c = net.connect(sock);
    await new Promise<void>((r) => c.once('connect', () => r()));
    c.write(encodeMessage({ type: 'subscribe', protocol: 1 }));
    c.pause(); // reads nothing from now on
    const closed = new Promise<void>((r) => c.once('close', () => r()));
    c.on('error', () => undefined);
    // keep publishing until the agent gives up on it (the subscribe may still be in flight at first)
    await until(
      'the slow console to be dropped',
      () => {
        for (let i = 0; i < 500; i++) s.publish({ ...ev(i), argv: ['x'.repeat(200)] });
        return s.clients === 0;
      },
      20_000,
    );
    c.destroy();
    await closed;
  });

  it('answers hostile clients with an error naming the problem and closes them', async () => {
    await server({ subscribeTimeoutMs: 200 });
    const garbage = await raw((c) => c.write('{nope\n'));
    expect(garbage[0]).toMatch(/"type":"hello"/);
    expect(JSON.parse(garbage.at(-1)!)).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/not JSON/),
    });

    const huge = await raw((c) => c.write('x'.repeat(10_000)));
    expect(huge.at(-1)).toMatch(/line longer than 4096 bytes/);

    const version = await raw((c) => c.write(encodeMessage({ type: 'subscribe', protocol: 7 })));
    expect(version.at(-1)).toMatch(/protocol version 7; this side speaks 1/);

    const twice = await raw((c) =>
      c.write(
        encodeMessage({ type: 'subscribe', protocol: 1 }) + encodeMessage({ type: 'subscribe', protocol: 1 }),
      ),
    );
    expect(twice.at(-1)).toMatch(/already subscribed/);

    const silent = await raw(() => undefined);
    expect(silent.at(-1)).toMatch(/no subscribe message within 200 ms/);
  });

  it('keeps away from an agent that speaks another version, and says why', async () => {
    const fake = net.createServer((c) => {
      c.write(
        `${JSON.stringify({ type: 'hello', protocol: 2, agent: 'moat 9', instance: 'x', host: 'h', pid: 1 })}\n`,
      );
    });
    await new Promise<void>((r) => fake.listen(sock, r));
    cleanup.push(() => new Promise((r) => fake.close(r)));
    const got: number[] = [];
    const l = link(got);
    await l.start();
    expect(l.state()).toMatchObject({ connected: false, errorCode: 'protocol' });
    expect(l.state().lastError).toMatch(/protocol version 2; this side speaks 1/);
  });

  it('drops an agent that sends garbage, an oversized line or events before hello', async () => {
    const cases: Array<[string, string | Buffer, RegExp]> = [
      ['garbage', '{"type":\n', /not JSON/],
      ['oversized', Buffer.alloc(1024 * 1024 + 10, 0x61), /line longer than 1048576 bytes/],
      ['no hello', `${JSON.stringify({ type: 'gap', missed: 1 })}\n`, /spoke before saying hello \(gap\)/],
    ];
    for (const [name, payload, expected] of cases) {
      const fake = net.createServer((c) => c.write(payload));
      await new Promise<void>((r) => fake.listen(sock, r));
      const got: number[] = [];
      const l = new AgentLink({ socketPath: sock, onEvent: (e) => got.push(e.pid), backoffMinMs: 5_000 });
      await l.start();
      l.stop();
      await new Promise<void>((r) => fake.close(() => r()));
      expect(l.state(), name).toMatchObject({ connected: false, errorCode: 'protocol' });
      expect(l.state().lastError, name).toMatch(expected);
      expect(got, name).toEqual([]);
    }
  });

  it('gives up on an agent that accepts but says nothing, and tries again', async () => {
    let accepted = 0;
    const mute = net.createServer(() => accepted++);
    await new Promise<void>((r) => mute.listen(sock, r));
    cleanup.push(() => new Promise((r) => mute.close(r)));
    const l = new AgentLink({ socketPath: sock, onEvent: () => undefined, silenceMs: 200, backoffMinMs: 20 });
    cleanup.push(() => l.stop());
    await l.start();
    expect(l.state()).toMatchObject({ connected: false, errorCode: 'timeout' });
    expect(l.state().lastError).toMatch(/sent nothing for 200 ms/);
    await until('a second attempt', () => accepted >= 2);
  });

  it('reports a missing agent by its errno and connects once it appears', async () => {
    const got: number[] = [];
    const l = link(got);
    await l.start();
    expect(l.state()).toMatchObject({ connected: false, errorCode: 'ENOENT' });
    const s = await server();
    await until('connect', () => l.state().connected && l.state().status !== undefined);
    s.publish(ev(1));
    await until('event', () => got.length === 1);
  });
});
