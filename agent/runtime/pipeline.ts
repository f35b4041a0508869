// Sensors → enrichment → container models, in arrival order. The console subscribes to events and audits.
import type { Enricher } from './enrich';
import type { EnrichedEvent, RuntimeEvent, Sensor, SensorHealth } from './events';
import type { ModelEngine } from './model-engine';
import type { ModelAudit } from './models';

export interface PipelineHooks {
  onEvent?: (e: EnrichedEvent) => void;
  onAudit?: (a: ModelAudit) => void;
  onError?: (err: Error) => void;
}

export class RuntimePipeline {
  private chain: Promise<void> = Promise.resolve();
  private tickTimer?: NodeJS.Timeout;
  private pending = 0;
  private dropped = 0;

  constructor(
    private readonly sensors: Sensor[],
    private readonly enricher: Enricher,
    private readonly engine: ModelEngine,
    private readonly hooks: PipelineHooks = {},
    private readonly maxPending = 50_000,
  ) {}

  async start(): Promise<void> {
    for (const s of this.sensors) await s.start((e) => this.push(e));
    this.tickTimer = setInterval(() => this.engine.tick(), 500);
  }

  async stop(): Promise<void> {
    clearInterval(this.tickTimer);
    for (const s of this.sensors) await s.stop();
    await this.chain;
  }

  health(): SensorHealth[] {
    return this.sensors.map((s) => s.health());
  }

  /** Events dropped because enrichment fell this far behind (bounded memory beats completeness). */
  get droppedEvents(): number {
    return this.dropped;
  }

  /** Resolves when every event pushed so far has been handled. */
  drain(): Promise<void> {
    return this.chain;
  }

  private push(e: RuntimeEvent): void {
    if (this.pending >= this.maxPending) {
      this.dropped++;
      return;
    }
    this.pending++;
    this.chain = this.chain.then(async () => {
      try {
        await this.handle(e);
      } catch (err) {
        this.hooks.onError?.(err as Error);
      } finally {
        this.pending--;
      }
    });
  }

  private async handle(e: RuntimeEvent): Promise<void> {
    const en = await this.enricher.enrich(e);
    this.hooks.onEvent?.(en);
    if (!en.containerId || !en.imageId) return;
    const facts = await this.enricher.container(en.containerId);
    if (facts) {
      this.engine.ensureModel(
        {
          imageId: facts.imageId,
          imageName: facts.imageName,
          entrypoint: facts.entrypoint,
          cmd: facts.cmd,
          exposedPorts: facts.exposedPorts,
        },
        en.containerId,
      );
    }
    const audit = this.engine.observe(en);
    if (audit && audit.count === 1) this.hooks.onAudit?.(audit);
  }
}
