// `moat agent --local`: the root half of runtime defense for an unprivileged console. It runs the sensors
// (eBPF, else /proc, plus Docker events), enriches what they see and serves it on a group-restricted socket;
// the console builds models and audits from it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import { ChosenProcessSensor } from '../runtime/chosen-process-sensor';
import { Enricher } from '../runtime/enrich';
import { EnrichedStream } from '../runtime/enriched-stream';
import { sensorBackend } from '../runtime/registry';
import { AgentServer } from './agent-server';
import { DEFAULT_SOCKET, type AgentStatus } from './protocol';
import { requireGroup, restrictDirectory } from './socket-access';

export interface LocalAgentOptions {
  docker: Docker;
  socketPath: string;
  group: string;
  /** "moat <version>" */
  agent: string;
  resourcesDir?: string;
  log: (line: string) => void;
}

export class LocalAgent {
  private server?: AgentServer;
  private stream?: EnrichedStream;
  private processSensor?: ChosenProcessSensor;
  private phase: AgentStatus['phase'] = 'starting';
  private reason = 'starting sensors';
  private errors = 0;
  private lastError?: string;
  private since = new Date().toISOString();
  private stopping = false;

  constructor(private readonly opts: LocalAgentOptions) {}

  /** Opens the socket (so consoles see "starting"), then brings the sensors up. Throws on a setup error. */
  async start(): Promise<void> {
    const group = requireGroup(this.opts.group);
    if (path.resolve(this.opts.socketPath) === DEFAULT_SOCKET) {
      // whatever created /run/moat (systemd's RuntimeDirectory, a tmpfiles rule, or us), group members traverse it
      fs.mkdirSync(path.dirname(DEFAULT_SOCKET), { recursive: true, mode: 0o750 });
      restrictDirectory(path.dirname(DEFAULT_SOCKET), group.gid);
    }
    const server = new AgentServer({
      socketPath: this.opts.socketPath,
      gid: group.gid,
      agent: this.opts.agent,
      host: os.hostname(),
      status: () => this.status(),
    });
    await server.start();
    this.server = server;
    this.opts.log(`listening on ${this.opts.socketPath} (root:${group.name} 0660)`);

    const enricher = new Enricher(this.opts.docker);
    const deps = {
      docker: this.opts.docker,
      enricher,
      ...(this.opts.resourcesDir ? { resourcesDir: this.opts.resourcesDir } : {}),
    };
    this.processSensor = new ChosenProcessSensor(deps);
    const stream = new EnrichedStream(
      [this.processSensor, sensorBackend('docker-events').create(deps)],
      enricher,
      (en, seed) => server.publish(en, seed),
      (err) => this.noteError(err),
    );
    this.stream = stream;
    try {
      await stream.start();
      this.phase = 'running';
      this.reason = this.processSensor.fallbackReason
        ? `/proc polling because eBPF is unavailable (${this.processSensor.fallbackReason})`
        : `eBPF through bpftrace: the agent runs as root and the kernel has tracefs`;
    } catch (err) {
      // Keep serving: the console shows why no sensor runs instead of "agent not running".
      this.phase = 'failed';
      this.reason = `no sensor could start: ${(err as Error).message}`;
      await stream.stop().catch(() => undefined);
    }
    this.since = new Date().toISOString();
    server.broadcastStatus();
    this.opts.log(`sensors ${this.phase}: ${this.reason}`);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.stream?.stop().catch((err: Error) => this.opts.log(`stopping sensors: ${err.message}`));
    await this.server?.stop();
  }

  status(): AgentStatus {
    const sensors = this.stream?.health() ?? [];
    const backend = this.processSensor?.backend;
    return {
      phase: this.phase,
      ...(backend && backend !== 'none' ? { backend } : {}),
      reason: this.reason,
      sensors,
      dropped: this.stream?.droppedEvents ?? 0,
      errors: this.errors,
      ...(this.lastError ? { lastError: this.lastError } : {}),
      since: this.since,
    };
  }

  private noteError(err: Error): void {
    if (this.stopping) return;
    this.errors++;
    this.lastError = err.message;
  }
}
