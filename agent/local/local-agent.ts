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

const RETRY_MIN_MS = 5_000;
const RETRY_MAX_MS = 60_000;

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
  private retryTimer?: NodeJS.Timeout;
  private retryMs = RETRY_MIN_MS;

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

    await this.startSensors(server);
  }

  /** One attempt to bring the sensors up; on failure the agent keeps serving its status and tries again later. */
  private async startSensors(server: AgentServer): Promise<void> {
    const enricher = new Enricher(this.opts.docker);
    const deps = {
      docker: this.opts.docker,
      enricher,
      ...(this.opts.resourcesDir ? { resourcesDir: this.opts.resourcesDir } : {}),
    };
    const processSensor = new ChosenProcessSensor(deps);
    const stream = new EnrichedStream(
      [processSensor, sensorBackend('docker-events').create(deps)],
      enricher,
      (en, seed) => server.publish(en, seed),
      (err) => this.noteError(err),
    );
    this.processSensor = processSensor;
    this.stream = stream;
    try {
      await stream.start();
      if (this.stopping) return void (await stream.stop());
      this.phase = 'running';
      this.reason = processSensor.fallbackReason
        ? `/proc polling because eBPF is unavailable (${processSensor.fallbackReason})`
        : `eBPF through bpftrace: the agent runs as root and the kernel has tracefs`;
      this.retryMs = RETRY_MIN_MS;
    } catch (err) {
      await stream.stop().catch(() => undefined);
      if (this.stopping) return;
      // Keep serving: the console shows why no sensor runs instead of "agent not running". Docker may come up later.
      this.phase = 'failed';
      this.reason = `no sensor could start (retrying in ${this.retryMs / 1000} s): ${(err as Error).message}`;
      this.retryTimer = setTimeout(() => void this.startSensors(server), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    }
    this.since = new Date().toISOString();
    server.broadcastStatus();
    this.opts.log(`sensors ${this.phase}: ${this.reason}`);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retryTimer);
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
