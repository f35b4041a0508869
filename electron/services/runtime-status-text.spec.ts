import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentLinkState } from '../../agent/local/agent-client';
import { findGroup, groupNameOf } from '../../agent/local/socket-access';
import { agentLinkStatus, enableSteps, linkProblem } from './runtime-status-text';

const down = (over: Partial<AgentLinkState> = {}): AgentLinkState => ({
  socket: '/run/moat/agent.sock',
  connected: false,
  reconnects: 0,
  missed: 0,
  ...over,
});

describe('what the console says about the local agent', () => {
  it('explains each way the link can be down', () => {
    expect(linkProblem(down(), 'ann')).toBe('connecting to the local agent at /run/moat/agent.sock');
    expect(linkProblem(down({ errorCode: 'ENOENT' }), 'ann')).toMatch(/^no local agent is running/);
    expect(linkProblem(down({ errorCode: 'ECONNREFUSED' }), 'ann')).toMatch(/the local agent stopped/);
    expect(linkProblem(down({ instance: 'i' }), 'ann')).toMatch(/closed the connection/);
    expect(
      linkProblem(down({ errorCode: 'protocol', lastError: 'the agent speaks protocol version 2' }), 'ann'),
    ).toMatch(/not usable: the agent speaks protocol version 2/);
  });

  it('names the group guarding the socket when the user may not open it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-st-'));
    try {
      const sock = path.join(dir, 'agent.sock');
      fs.writeFileSync(sock, '');
      // root may give the file to any group; another user to one of its own
      const g = process.getuid!() === 0 ? (findGroup('adm') ?? findGroup('daemon')) : undefined;
      const gid = g?.gid ?? process.getgid!();
      fs.chownSync(sock, process.getuid!(), gid);
      const text = linkProblem(down({ socket: sock, errorCode: 'EACCES' }), 'ann');
      expect(text).toBe(
        `the local agent's socket ${sock} is restricted to group "${groupNameOf(gid) ?? gid}", and this console's user (ann) may not open it`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the exact commands, with the socket when it is not the default', () => {
    const steps = enableSteps({
      socketPath: '/srv/a.sock',
      user: 'ann',
      disabled: false,
      resourcesDir: '/opt/moat/resources',
    });
    expect(steps.map((s) => s.command)).toEqual([
      'sudo moat agent --local --socket /srv/a.sock',
      'sudo cp /opt/moat/resources/systemd/moat-agent.service /etc/systemd/system/ && sudo systemctl daemon-reload && sudo systemctl enable --now moat-agent',
      'sudo groupadd -f --system moat && sudo usermod -aG moat ann',
    ]);
    const off = enableSteps({ socketPath: '/run/moat/agent.sock', user: 'ann', disabled: true });
    expect(off[0].command).toBe('MOAT_RUNTIME=on moat serve');
    expect(off[1].command).toBe('sudo moat agent --local');
  });

  it('reports the agent sensors once connected, counting missed events as lost', () => {
    const s = agentLinkStatus(
      down({
        connected: true,
        agent: 'moat 1.0',
        pid: 42,
        missed: 3,
        status: {
          phase: 'running',
          backend: 'ebpf',
          reason: 'eBPF through bpftrace',
          sensors: [
            { backend: 'ebpf', running: true, restarts: 1, lost: 2 },
            { backend: 'docker-events', running: true, restarts: 0, lost: 0 },
          ],
          dropped: 0,
          errors: 0,
          since: 's',
        },
      }),
      [],
    );
    expect(s).toMatchObject({ phase: 'running', backend: 'ebpf', running: true, restarts: 1, lost: 5 });
    expect(s.reason).toBe('local agent (moat 1.0, pid 42): eBPF through bpftrace');
    expect(s.howToEnable).toBeUndefined();
    expect(s.agent).toMatchObject({ connected: true, pid: 42, missed: 3 });
  });
});
