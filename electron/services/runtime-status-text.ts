// What the console says about the local agent link: why it is not connected, in the user's terms, and the exact
// commands that turn runtime defense on (run the agent, install its systemd unit, join its group).
import fs from 'node:fs';
import path from 'node:path';
import type { AgentLinkState } from '../../agent/local/agent-client';
import { DEFAULT_GROUP, DEFAULT_SOCKET } from '../../agent/local/protocol';
import { groupNameOf } from '../../agent/local/socket-access';
import type { EnableStepDto, RuntimeStatusDto } from '../contract/index';

export interface EnableContext {
  socketPath: string;
  user: string;
  /** Runtime defense is switched off for this console (MOAT_RUNTIME=off). */
  disabled: boolean;
  resourcesDir?: string;
}

/**
 * The group that guards the socket, when this user may stat it; else that of its directory, when the directory
 * is the agent's own (/run/moat) or `anyDir` says the caller knows access was denied there.
 */
export function socketGroup(socketPath: string, anyDir = false): string | undefined {
  const dir = path.dirname(socketPath);
  const useDir = anyDir || dir === path.dirname(DEFAULT_SOCKET);
  for (const p of useDir ? [socketPath, dir] : [socketPath]) {
    try {
      const gid = fs.statSync(p).gid;
      if (gid !== 0) return groupNameOf(gid) ?? String(gid);
    } catch {
      // not there or not ours to see: try the directory, then give up
    }
  }
  return undefined;
}

export function enableSteps(ctx: EnableContext): EnableStepDto[] {
  const group = socketGroup(ctx.socketPath) ?? DEFAULT_GROUP;
  const socketFlag = ctx.socketPath === DEFAULT_SOCKET ? '' : ` --socket ${ctx.socketPath}`;
  const groupFlag = group === DEFAULT_GROUP ? '' : ` --group ${group}`;
  const unit = path.join(ctx.resourcesDir ?? 'resources', 'systemd', 'moat-agent.service');
  const steps: EnableStepDto[] = [];
  if (ctx.disabled) {
    steps.push({
      label: 'Runtime defense is switched off for this console: start it without MOAT_RUNTIME=off',
      command: 'MOAT_RUNTIME=on moat serve',
    });
  }
  steps.push(
    {
      label: 'Run the local agent as root (in another terminal; it serves the sensors to this console)',
      command: `sudo moat agent --local${socketFlag}${groupFlag}`,
    },
    {
      label: 'Or run it as a service with the shipped systemd unit',
      command: `sudo cp ${unit} /etc/systemd/system/ && sudo systemctl daemon-reload && sudo systemctl enable --now moat-agent`,
    },
    {
      label: `Let ${ctx.user} open the agent's socket: create the group if needed, add the user, then log out and in`,
      command: `sudo groupadd -f --system ${group} && sudo usermod -aG ${group} ${ctx.user}`,
    },
  );
  return steps;
}

/** Why the link is down, from the errno of the last attempt. */
export function linkProblem(s: AgentLinkState, user: string): string {
  switch (s.errorCode) {
    case undefined:
      return s.instance
        ? `the local agent at ${s.socket} closed the connection (the console reconnects when it is back)`
        : `connecting to the local agent at ${s.socket}`;
    case 'ENOENT':
      return `no local agent is running (nothing at ${s.socket})`;
    case 'EACCES': {
      const group = socketGroup(s.socket, true);
      return `the local agent's socket ${s.socket} is restricted to ${group ? `group "${group}"` : 'an admin group'}, and this console's user (${user}) may not open it`;
    }
    case 'ECONNREFUSED':
      return `nothing answers on ${s.socket}: the local agent stopped (the console reconnects when it is back)`;
    default:
      return `the local agent at ${s.socket} is not usable: ${s.lastError ?? s.errorCode}`;
  }
}

type LinkPart = Omit<RuntimeStatusDto, 'mode' | 'learningSeconds' | 'learningSource' | 'since' | 'lastError'>;

/** The status fields for the agent mode: the agent's own sensor report when connected, else why not and how. */
export function agentLinkStatus(s: AgentLinkState, steps: EnableStepDto[], user = ''): LinkPart {
  const agent = {
    socket: s.socket,
    connected: s.connected,
    ...(s.agent ? { agent: s.agent } : {}),
    ...(s.pid ? { pid: s.pid } : {}),
    reconnects: s.reconnects,
    missed: s.missed,
    ...(s.lastError ? { error: s.lastError } : {}),
  };
  const st = s.status;
  if (!s.connected || !st) {
    return {
      phase: 'waiting',
      running: false,
      restarts: 0,
      lost: 0,
      reason: linkProblem(s, user),
      enableCommand:
        steps.find((x) => x.command.includes('moat agent'))?.command ?? 'sudo moat agent --local',
      note: 'The console connects by itself as soon as the agent runs and this user may open its socket.',
      howToEnable: steps,
      sensors: [],
      dropped: 0,
      errors: 0,
      agent,
    };
  }
  return {
    phase: st.phase,
    ...(st.backend ? { backend: st.backend } : {}),
    running: st.phase === 'running' && st.sensors.length > 0 && st.sensors.every((x) => x.running),
    restarts: st.sensors.reduce((n, x) => n + x.restarts, 0),
    lost: st.sensors.reduce((n, x) => n + x.lost, 0) + s.missed,
    reason: `local agent (${s.agent ?? 'moat'}, pid ${s.pid ?? '?'}): ${st.reason}`,
    sensors: st.sensors,
    dropped: st.dropped,
    errors: st.errors,
    agent,
  };
}
