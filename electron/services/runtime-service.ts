// Runtime defense in the console: when it runs as root it embeds the sensor pipeline (eBPF, else /proc, plus
// Docker events) feeding the container models; otherwise it says it is off and exactly how to turn it on.
import type Docker from 'dockerode';
import { Enricher } from '../../agent/runtime/enrich';
import { RuntimePipeline } from '../../agent/runtime/pipeline';
import { sensorBackend } from '../../agent/runtime/registry';
import type { RuntimeStatusDto } from '../contract/index';
import { ChosenProcessSensor } from './chosen-process-sensor';
import type { ModelService } from './model-service';

export interface RuntimeOptions {
  /** false: not started at all (tests of other areas, MOAT_RUNTIME=off). */
  enabled: boolean;
  isRoot: boolean;
  resourcesDir?: string;
}

export const ENABLE_COMMAND = 'sudo moat serve';
const NOT_ROOT_NOTE =
  'On a lab VM run the console as root with the command above (over SSH, forward the port it prints). ' +
  'For a desktop console running as a normal user, a local root agent (sudo moat agent --local) is a later step and not available yet.';

export class RuntimeService {
  private pipeline?: RuntimePipeline;
  private processSensor?: ChosenProcessSensor;
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
    this.reason = !opts.enabled
      ? 'runtime defense is disabled for this console (MOAT_RUNTIME=off or a test composition)'
      : !opts.isRoot
        ? 'the console is not running as root: sensors must read every process and attach eBPF tracepoints'
        : 'starting sensors';
  }

  /** Starts the embedded pipeline when enabled and root; resolves when the sensors are up (or failed). */
  async start(): Promise<void> {
    if (!this.opts.enabled || !this.opts.isRoot || this.pipeline) return;
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

  /** Synchronous part of shutdown (the console closes its database right after): no more handling. */
  stop(): Promise<void> {
    this.stopped = true;
    const p = this.pipeline?.stop() ?? Promise.resolve();
    this.pipeline = undefined;
    if (this.phase !== 'off') this.phase = 'off';
    return p.catch((err: Error) => this.noteError(err));
  }

  status(): RuntimeStatusDto {
    const sensors = this.pipeline?.health() ?? [];
    const proc = this.processSensor?.health();
    const embedded = this.opts.enabled && this.opts.isRoot;
    return {
      mode: embedded ? 'embedded' : 'off',
      phase: this.phase,
      ...(proc && proc.backend !== 'none' ? { backend: proc.backend } : {}),
      running: this.phase === 'running' && sensors.every((s) => s.running),
      restarts: sensors.reduce((n, s) => n + s.restarts, 0),
      lost: sensors.reduce((n, s) => n + s.lost, 0),
      reason: this.reason,
      ...(embedded ? {} : { enableCommand: ENABLE_COMMAND, note: NOT_ROOT_NOTE }),
      sensors,
      dropped: this.pipeline?.droppedEvents ?? 0,
      errors: this.errors,
      ...(this.lastError ? { lastError: this.lastError } : {}),
      learningSeconds: this.models.learning.seconds,
      learningSource: this.models.learning.source,
      since: this.since,
    };
  }

  /** Containers already running when the console starts get their image's model now, not at their next event. */
  private async seedRunningContainers(enricher: Enricher): Promise<void> {
    const running = await this.docker.listContainers({ filters: { status: ['running'] } });
    for (const c of running) {
      if (this.stopped) return;
      const f = await enricher.container(c.Id);
      if (!f) continue;
      this.models.engine.ensureModel(
        {
          imageId: f.imageId,
          imageName: f.imageName,
          entrypoint: f.entrypoint,
          cmd: f.cmd,
          exposedPorts: f.exposedPorts,
        },
        c.Id,
      );
    }
  }

  private noteError(err: Error): void {
    if (this.stopped) return; // the database is closing; late events are expected to fail
    this.errors++;
    this.lastError = err.message;
  }
}
