// A console run by a normal user, as on a desktop: it picks the local agent by itself (no MOAT_RUNTIME=agent),
// learns and audits from its events when the user is in the agent's group, and names the group to join when not.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupNameOf } from '../../agent/local/socket-access';
import { invokeConsole } from '../../electron/cli/image-scan/console-client';
import {
  execTopUntilAudited,
  startAgent,
  waitForHttpdModel,
  type AgentProcess,
} from '../setup/agent-process';
import { docker, requireDocker, requireRoot } from '../setup/docker-cli';
import { buildOwnImage, removeImage } from '../setup/own-image';
import { startServe, type ServeProcess } from '../setup/serve-process';
import { IMAGE_NAMES } from '../setup/test-images';
import { waitFor } from '../setup/wait-for';

requireDocker();
requireRoot('the agent runs as root; the consoles are started as user nobody');

const NOBODY = 65534;
let dir: string;
let sock: string;
let agent: AgentProcess | undefined;
const serves: ServeProcess[] = [];
let dockerGid = 0;
let groupName = '';
let image = '';
let container = '';

beforeAll(async () => {
  // The user's console needs Docker (the docker group) and the agent (its group): one group serves for both,
  // since a child started with another uid keeps only its primary group.
  dockerGid = fs.statSync('/var/run/docker.sock').gid;
  if (dockerGid === 0)
    throw new Error('this test needs /var/run/docker.sock to belong to a docker group, not root');
  groupName = groupNameOf(dockerGid) ?? String(dockerGid);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-agent-user-'));
  fs.chmodSync(dir, 0o755);
  sock = path.join(dir, 'agent.sock');
  image = buildOwnImage(IMAGE_NAMES.busybox, `moat-test/agent-user-busybox:${process.pid}`);
  agent = await startAgent(sock, groupName);
});

afterAll(async () => {
  if (container) docker('rm', '-f', container);
  if (image) removeImage(image);
  for (const s of serves) await s.stop();
  await agent?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a console run by a normal user', () => {
  it('uses the local agent by itself and builds models and audits from its events', async () => {
    const serve = await startServe(
      { MOAT_RUNTIME: 'on', MOAT_AGENT_SOCKET: sock, MOAT_LEARNING_SECONDS: '3' },
      { uid: NOBODY, gid: dockerGid },
    );
    serves.push(serve);
    const target = { address: serve.base, token: serve.token };
    const status = await waitFor('the console to be connected to the agent', 20_000, async () => {
      const s = await invokeConsole(target, 'runtime:status', {});
      return s.agent?.connected && s.running ? s : undefined;
    });
    expect(status).toMatchObject({ mode: 'agent', phase: 'running' });

    container = docker('run', '-d', '--network', 'none', image, 'httpd', '-f', '-p', '8080');
    await waitForHttpdModel(target, container);
    const audit = await execTopUntilAudited(target, container);
    expect(audit).toMatchObject({ image, rule: 'process not in model' });
    // the console's data stays the user's own
    expect(fs.statSync(path.join(serve.home, 'console.db')).uid).toBe(NOBODY);
  });

  it('names the group to join when the user may not open the socket', async () => {
    const serve = await startServe(
      { MOAT_RUNTIME: 'on', MOAT_AGENT_SOCKET: sock },
      { uid: NOBODY, gid: NOBODY },
    );
    serves.push(serve);
    const target = { address: serve.base, token: serve.token };
    const status = await waitFor('the console to report the refused socket', 20_000, async () => {
      const s = await invokeConsole(target, 'runtime:status', {});
      return s.agent?.error ? s : undefined;
    });
    expect(status).toMatchObject({ mode: 'agent', phase: 'waiting', running: false });
    expect(status.reason).toBe(
      `the local agent's socket ${sock} is restricted to group "${groupName}", and this console's user (nobody) may not open it`,
    );
    expect(status.agent?.error).toMatch(/EACCES/);
    expect(status.howToEnable?.map((h) => h.command)).toContain(
      `sudo groupadd -f --system ${groupName} && sudo usermod -aG ${groupName} nobody`,
    );
  });
});
