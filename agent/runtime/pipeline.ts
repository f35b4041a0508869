// Sensors → enrichment → container models, in arrival order. The console subscribes to events and audits.
import type { Enricher } from './enrich';
import { EnrichedStream } from './enriched-stream';
import type { EnrichedEvent, Sensor, SensorHealth } from './events';
import type { ImageSeed, ModelEngine } from './model-engine';
import type { ModelAudit } from './models';

export interface PipelineHooks {
  onEvent?: (e: EnrichedEvent) => void;
  onAudit?: (a: ModelAudit) => void;
  onError?: (err: Error) => void;
}

/**
 * Learns from or judges one enriched event: creates its image's model first when a seed says which image it is.
 * Returns a new audit (count 1), not re-counts of an open one. Shared by the embedded pipeline and the console
 * side of the local agent, so both modes build models the same way.
 */
export function feedModels(
  engine: ModelEngine,
  en: EnrichedEvent,
  seed: ImageSeed | undefined,
): ModelAudit | undefined {
  if (!en.containerId || !en.imageId) return undefined;
  if (seed) engine.ensureModel(seed, en.containerId);
  const audit = engine.observe(en);
  return audit && audit.count === 1 ? audit : undefined;
}

export class RuntimePipeline {
  private readonly stream: EnrichedStream;
  private tickTimer?: NodeJS.Timeout;

  constructor(
    sensors: Sensor[],
    enricher: Enricher,
    private readonly engine: ModelEngine,
    private readonly hooks: PipelineHooks = {},
    maxPending = 50_000,
  ) {
    this.stream = new EnrichedStream(
      sensors,
      enricher,
      (en, seed) => {
        this.hooks.onEvent?.(en);
        const audit = feedModels(this.engine, en, seed);
        if (audit) this.hooks.onAudit?.(audit);
      },
      (err) => this.hooks.onError?.(err),
      maxPending,
    );
  }

  async start(): Promise<void> {
    await this.stream.start();
    this.tickTimer = setInterval(() => this.engine.tick(), 500);
  }

  async stop(): Promise<void> {
    clearInterval(this.tickTimer);
    await this.stream.stop();
  }

  health(): SensorHealth[] {
    return this.stream.health();
  }

  /** Events dropped because enrichment fell this far behind (bounded memory beats completeness). */
  get droppedEvents(): number {
    return this.stream.droppedEvents;
  }

  /** Resolves when every event pushed so far has been handled. */
  drain(): Promise<void> {
    return this.stream.drain();
  }
}
