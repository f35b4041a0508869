// The privileges split end to end: the real `moat agent --local` (root) serves its sensors on a group-restricted
// socket; a real `moat serve` with MOAT_RUNTIME=agent builds the busybox model and audits `docker exec top` from
// those events; the agent is killed and restarted and events resume without being counted twice.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentLink } from '../../agent/local/agent-client';
import { findGroup, type GroupEntry } from '../../agent/local/socket-access';
import { invokeConsole } from '../../electron/cli/image-scan/console-client';
import { docker, requireDocker, requireRoot } from '../setup/docker-cli';
import {
  childrenOf,
  execTopUntilAudited,
  startAgent as startAgentProcess,
  waitForHttpdModel,
  type AgentProcess,
} from '../setup/agent-process';
import { buildOwnImage, removeImage } from '../setup/own-image';
import { startServe, type ServeProcess } from '../setup/serve-process';
import { IMAGE_NAMES } from '../setup/test-images';
import { waitFor } from '../setup/wait-for';

requireDocker();
requireRoot('moat agent --local runs the sensors as root and gives its socket to a group');

const root = path.resolve(__dirname, '../..');
const NOBODY = 65534;
let dir: string;
let sock: string;
let group: GroupEntry;
let serve: ServeProcess | undefined;
const agents: AgentProcess[] = [];
let container = '';
let image = '';

async function startAgent(socket = sock, env: Record<string, string> = {}): Promise<AgentProcess> {
  const a = await startAgentProcess(socket, group.name, env);
  agents.push(a);
  return a;
}

/** Runs a tiny Node client as another user: "EACCES", or the first line the agent sent. */
function connectAs(uid: number, gid: number): string {
  const script =
    "const s=require('net').connect(process.argv[1]);" +
    "s.on('data',d=>{process.stdout.write(d.toString().split('\\n')[0]);s.destroy()});" +
    "s.on('error',e=>{process.stdout.write(e.code||e.message)})";
  const r = spawnSync(process.execPath, ['-e', script, sock], {
    uid,
    gid,
    encoding: 'utf8',
    cwd: '/',
    timeout: 10_000,
  });
  return `${r.stdout}${r.stderr}`.trim();
}

beforeAll(() => {
  // A group every Debian system has and that is not root's: the socket must be given to it.
  const g = ['adm', 'daemon'].map((n) => findGroup(n)).find((x) => x !== undefined);
  if (!g) throw new Error('this test needs an "adm" or "daemon" group in /etc/group');
  group = g;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-agent-'));
  fs.chmodSync(dir, 0o755); // other users may reach the socket: only its own mode and group keep them out
  sock = path.join(dir, 'agent.sock');
  image = buildOwnImage(IMAGE_NAMES.busybox, `moat-test/agent-busybox:${process.pid}`);
});

afterAll(async () => {
  if (container) docker('rm', '-f', container);
  if (image) removeImage(image);
  await serve?.stop();
  for (const a of agents) await a.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('moat agent --local', () => {
  it('refuses to start when its group does not exist, and says how to create it', () => {
    const r = spawnSync(
      process.execPath,
      [path.join(root, 'bin', 'moat'), 'agent', '--local', '--socket', sock, '--group', 'moat-no-such-group'],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/group "moat-no-such-group" does not exist/);
    expect(r.stderr).toMatch(/groupadd --system moat-no-such-group/);
    expect(fs.existsSync(sock)).toBe(false);
  });

  it('refuses to run as a normal user', () => {
    const r = spawnSync(
      process.execPath,
      [path.join(root, 'bin', 'moat'), 'agent', '--local', '--socket', sock],
      {
        uid: NOBODY,
        gid: NOBODY,
        encoding: 'utf8',
        cwd: '/',
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/must run as root/);
    expect(r.stderr).toMatch(/sudo moat agent --local/);
  });

  it('serves on a root:<group> 0660 socket that only root and group members can open', async () => {
    const agent = await startAgent();
    expect(agent.output()).toMatch(/sensors running/);
    const st = fs.statSync(sock);
    expect(st.isSocket()).toBe(true);
    expect(st.mode & 0o777).toBe(0o660);
    expect(st.uid).toBe(0);
    expect(st.gid).toBe(group.gid);
    expect(connectAs(NOBODY, NOBODY)).toBe('EACCES');
    expect(JSON.parse(connectAs(NOBODY, group.gid))).toMatchObject({ type: 'hello', protocol: 1 });
    // a second agent on the same socket is refused rather than stealing it
    const second = spawnSync(
      process.execPath,
      [path.join(root, 'bin', 'moat'), 'agent', '--local', '--socket', sock, '--group', group.name],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(/another agent is already serving/);
  });

  it('feeds the console models and audits, and resumes after the agent is killed and restarted', async () => {
    serve = await startServe({ MOAT_RUNTIME: 'agent', MOAT_AGENT_SOCKET: sock, MOAT_LEARNING_SECONDS: '3' });
    const target = { address: serve.base, token: serve.token };
    const status = await waitFor('the console to use the local agent', 20_000, async () => {
      const s = await invokeConsole(target, 'runtime:status', {});
      return s.agent?.connected && s.running ? s : undefined;
    });
    expect(status).toMatchObject({ mode: 'agent', phase: 'running', agent: { socket: sock, reconnects: 0 } });
    expect(['ebpf', 'procfs']).toContain(status.backend);
    expect(status.reason).toMatch(/^local agent \(moat .*, pid \d+\): /);
    expect(status.howToEnable).toBeUndefined();

    container = docker('run', '-d', '--network', 'none', image, 'httpd', '-f', '-p', '8080');
    const model = await waitForHttpdModel(target, container);
    expect(model.image).toBe(image);

    const top = await execTopUntilAudited(target, container);
    expect(top).toMatchObject({ image, rule: 'process not in model' });

    // Kill the agent hard: it leaves a stale socket and no goodbye.
    const first = agents.at(-1)!.child;
    const orphans = childrenOf(first.pid!);
    const gone = new Promise((r) => first.once('exit', r));
    first.kill('SIGKILL');
    await gone;
    for (const pid of orphans) spawnSync('kill', ['-KILL', String(pid)]);
    const down = await waitFor('the console to notice the agent is gone', 10_000, async () => {
      const s = await invokeConsole(target, 'runtime:status', {});
      return !s.agent?.connected ? s : undefined;
    });
    expect(down).toMatchObject({ mode: 'agent', phase: 'waiting', running: false });
    expect(down.reason).toMatch(/closed the connection|stopped|no local agent/);
    expect(down.howToEnable?.map((h) => h.command).join('\n')).toMatch(/sudo moat agent --local --socket /);
    const topCount = (await invokeConsole(target, 'audits:list', { search: 'top' })).items.find(
      (a) => a.id === top.id,
    )!.count;

    const second = await startAgent(); // replaces the stale socket
    expect(second.output()).toMatch(/listening on/);
    expect(fs.statSync(sock).mode & 0o777).toBe(0o660);
    await waitFor('the console to reconnect to the new agent', 20_000, async () => {
      const s = await invokeConsole(target, 'runtime:status', {});
      return s.agent?.connected && s.running && s.agent.reconnects >= 1 ? s : undefined;
    });
    docker('exec', container, 'ps');
    const ps = await waitFor('an audit for ps from the restarted agent', 10_000, async () => {
      const page = await invokeConsole(target, 'audits:list', { kind: 'process', search: 'ps' });
      return page.items.find((a) => a.what === 'ps' && a.container === container);
    });
    expect(ps.rule).toBe('process not in model');
    // The new agent replayed nothing the console had already counted.
    const after = (await invokeConsole(target, 'audits:list', { search: 'top' })).items.filter(
      (a) => a.container === container,
    );
    expect(after).toHaveLength(1);
    expect(after[0].count).toBe(topCount);
  }, 240_000);
  it('keeps serving its status while Docker is unreachable, and starts the sensors once it is back', async () => {
    const socket = path.join(dir, 'retry.sock');
    const dockerSock = path.join(dir, 'docker.sock'); // nothing there yet: "dockerd is down"
    const agent = await startAgent(socket, { DOCKER_HOST: `unix://${dockerSock}` });
    expect(agent.output()).toMatch(/sensors failed: no sensor could start \(retrying in 5 s\)/);
    const link = new AgentLink({ socketPath: socket, onEvent: () => undefined });
    await link.start();
    try {
      expect(link.state().status).toMatchObject({ phase: 'failed' });
      expect(link.state().status?.reason).toMatch(/retrying in 5 s/);
      // dockerd "comes back": a relay to the real daemon appears where the agent looks for it
      const relay = net.createServer((client) => {
        const upstream = net.connect('/var/run/docker.sock');
        client.pipe(upstream).pipe(client);
        const drop = (): void => {
          client.destroy();
          upstream.destroy();
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
      });
      await new Promise<void>((r) => relay.listen(dockerSock, r));
      try {
        // a retry after 5 s, then bpftrace attaches again (seconds, more on a loaded host)
        await waitFor('the agent to retry and run its sensors', 90_000, async () =>
          link.state().status?.phase === 'running' ? true : undefined,
        );
        expect(link.state().status?.sensors.map((x) => x.backend)).toContain('docker-events');
      } finally {
        await agent.stop();
        relay.close();
      }
    } finally {
      link.stop();
    }
  }, 240_000);
});
