// Runtime defense in the console. As root it embeds the sensor pipeline (eBPF, else /proc, plus Docker events);
// as a normal user (or with MOAT_RUNTIME=agent) it reads the same enriched events from a local root agent's
// socket (`sudo moat agent --local`). Either way the console builds the models and audits. When neither works
// it says so and exactly how to turn runtime defense on.
import os from 'node:os';
import type Docker from 'dockerode';
import { AgentLink } from '../../agent/local/agent-client';
import { DEFAULT_SOCKET } from '../../agent/local/protocol';
import { ChosenProcessSensor } from '../../agent/runtime/chosen-process-sensor';
import { Enricher } from '../../agent/runtime/enrich';
import { imageSeed } from '../../agent/runtime/enriched-stream';
import { feedModels, RuntimePipeline } from '../../agent/runtime/pipeline';
import { sensorBackend } from '../../agent/runtime/registry';
import type { RuntimeStatusDto } from '../contract/index';
import type { ModelService } from './model-service';
import { agentLinkStatus, enableSteps } from './runtime-status-text';

export interface RuntimeOptions {
  /** false: not started at all (tests of other areas, MOAT_RUNTIME=off). */
  enabled: boolean;
  isRoot: boolean;
  resourcesDir?: string;
  /** MOAT_RUNTIME=agent uses the local agent even as root (tests); MOAT_AGENT_SOCKET says where it listens. */
  env?: NodeJS.ProcessEnv;
}

export const ENABLE_COMMAND = 'sudo moat agent --local';

type Mode = RuntimeStatusDto['mode'];

export class RuntimeService {
  private readonly mode: Mode;
  private readonly socketPath: string;
  private pipeline?: RuntimePipeline;
  private processSensor?: ChosenProcessSensor;
  private link?: AgentLink;
  private tickTimer?: NodeJS.Timeout;
  private phase: RuntimeStatusDto['phase'] = 'off';
  private reason: string;
  private errors = 0;
  private lastError?: string;
  private since = new Date().toISOString();
  private stopped = false;

  constructor(
    private readonly docker: Docker,
    private readonly models: ModelService,
    private readonly opts: RuntimeOptions,
  ) {
    const env = opts.env ?? process.env;
    this.socketPath = env.MOAT_AGENT_SOCKET?.trim() || DEFAULT_SOCKET;
    this.mode = !opts.enabled ? 'off' : opts.isRoot && env.MOAT_RUNTIME !== 'agent' ? 'embedded' : 'agent';
    this.reason =
      this.mode === 'off'
        ? 'runtime defense is disabled for this console (MOAT_RUNTIME=off or a test composition)'
        : this.mode === 'embedded'
          ? 'starting sensors'
          : `connecting to the local agent at ${this.socketPath}`;
  }

  /** Starts the sensors (embedded) or the agent link; resolves when they are up, failed, or first tried. */
  async start(): Promise<void> {
    if (this.mode === 'embedded') return this.startEmbedded();
    if (this.mode === 'agent') return this.startAgentLink();
  }

  /** Synchronous part of shutdown (the console closes its database right after): no more handling. */
  stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.tickTimer);
    this.link?.stop();
    const p = this.pipeline?.stop() ?? Promise.resolve();
    this.pipeline = undefined;
    this.phase = 'off';
    return p.catch((err: Error) => this.noteError(err));
  }

  status(): RuntimeStatusDto {
    const common = {
      dropped: this.pipeline?.droppedEvents ?? 0,
      errors: this.errors,
      ...(this.lastError ? { lastError: this.lastError } : {}),
      learningSeconds: this.models.learning.seconds,
      learningSource: this.models.learning.source,
      since: this.since,
    };
    if (this.mode === 'agent' && this.link) {
      const link = this.link.state();
      const s = agentLinkStatus(link, this.steps(), os.userInfo().username);
      const lastError = this.lastError ?? link.status?.lastError;
      return {
        ...common,
        ...s,
        mode: 'agent',
        errors: s.errors + this.errors,
        ...(lastError ? { lastError } : {}),
      };
    }
    const sensors = this.pipeline?.health() ?? [];
    const proc = this.processSensor?.health();
    const off = this.mode !== 'embedded';
    return {
      ...common,
      mode: this.mode,
      phase: this.phase,
      ...(proc && proc.backend !== 'none' ? { backend: proc.backend } : {}),
      running: this.phase === 'running' && sensors.every((s) => s.running),
      restarts: sensors.reduce((n, s) => n + s.restarts, 0),
      lost: sensors.reduce((n, s) => n + s.lost, 0),
      reason: this.reason,
      ...(off
        ? {
            enableCommand: this.opts.isRoot ? 'unset MOAT_RUNTIME and restart the console' : ENABLE_COMMAND,
            howToEnable: this.steps(),
          }
        : {}),
      sensors,
    };
  }

  private steps(): ReturnType<typeof enableSteps> {
    return enableSteps({
      socketPath: this.socketPath,
      user: os.userInfo().username,
      disabled: this.mode === 'off',
      ...(this.opts.resourcesDir ? { resourcesDir: this.opts.resourcesDir } : {}),
    });
  }

  private async startEmbedded(): Promise<void> {
    if (this.pipeline) return;
    this.phase = 'starting';
    const enricher = new Enricher(this.docker);
    const deps = {
      docker: this.docker,
      enricher,
      ...(this.opts.resourcesDir ? { resourcesDir: this.opts.resourcesDir } : {}),
    };
    this.processSensor = new ChosenProcessSensor(deps);
    const pipeline = new RuntimePipeline(
      [this.processSensor, sensorBackend('docker-events').create(deps)],
      enricher,
      this.models.engine,
      { onError: (err) => this.noteError(err) },
    );
    this.pipeline = pipeline;
    try {
      await pipeline.start();
      if (this.stopped) return void (await pipeline.stop());
      const backend = this.processSensor.backend;
      this.phase = 'running';
      this.reason = this.processSensor.fallbackReason
        ? `/proc polling because eBPF is unavailable (${this.processSensor.fallbackReason})`
        : backend === 'ebpf'
          ? 'eBPF through bpftrace: the console runs as root and the kernel has tracefs'
          : `${backend} sensor`;
      this.since = new Date().toISOString();
      await this.seedRunningContainers(enricher).catch((err: Error) => this.noteError(err));
    } catch (err) {
      this.phase = 'failed';
      this.reason = `no sensor could start: ${(err as Error).message}`;
      await pipeline.stop().catch(() => undefined);
    }
  }

  private async startAgentLink(): Promise<void> {
    // Inspecting containers needs only Docker access, which the console has; /proc details come from the agent.
    const enricher = new Enricher(this.docker);
    this.link = new AgentLink({
      socketPath: this.socketPath,
      onEvent: (en, seed) => {
        if (!this.stopped) feedModels(this.models.engine, en, seed);
      },
      // Containers started while no agent was connected get their model now, not at their next event.
      onSubscribed: () =>
        void this.seedRunningContainers(enricher).catch((err: Error) => this.noteError(err)),
      onError: (err) => this.noteError(err),
    });
    this.tickTimer = setInterval(() => this.models.engine.tick(), 500);
    await this.link.start();
  }

  /** Containers already running when the console starts get their image's model now, not at their next event. */
  private async seedRunningContainers(enricher: Enricher): Promise<void> {
    const running = await this.docker.listContainers({ filters: { status: ['running'] } });
    for (const c of running) {
      if (this.stopped) return;
      const f = await enricher.container(c.Id);
      if (!f) continue;
      this.models.engine.ensureModel(imageSeed(f), c.Id);
    }
  }

  private noteError(err: Error): void {
    if (this.stopped) return; // the database is closing; late events are expected to fail
    this.errors++;
    this.lastError = err.message;
  }
}
