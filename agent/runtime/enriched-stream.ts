// Sensors → enrichment, in arrival order, with a bounded backlog. The embedded pipeline feeds the models from it;
// the local agent (`moat agent --local`) sends what it yields to the console over its socket.
import type { ContainerFacts, Enricher } from './enrich';
import type { EnrichedEvent, RuntimeEvent, Sensor, SensorHealth } from './events';
import type { ImageSeed } from './model-engine';

/** One enriched event and, when its container is known, the seed of its image's model. */
export type EnrichedSink = (event: EnrichedEvent, seed: ImageSeed | undefined) => void;

export function imageSeed(f: ContainerFacts): ImageSeed {
  return {
    imageId: f.imageId,
    imageName: f.imageName,
    entrypoint: f.entrypoint,
    cmd: f.cmd,
    exposedPorts: f.exposedPorts,
  };
}

export class EnrichedStream {
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;
  private dropped = 0;

  constructor(
    private readonly sensors: Sensor[],
    private readonly enricher: Enricher,
    private readonly sink: EnrichedSink,
    private readonly onError: (err: Error) => void = () => undefined,
    private readonly maxPending = 50_000,
  ) {}

  async start(): Promise<void> {
    for (const s of this.sensors) await s.start((e) => this.push(e));
  }

  async stop(): Promise<void> {
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
        this.onError(err as Error);
      } finally {
        this.pending--;
      }
    });
  }

  private async handle(e: RuntimeEvent): Promise<void> {
    const en = await this.enricher.enrich(e);
    const facts = en.containerId && en.imageId ? await this.enricher.container(en.containerId) : undefined;
    this.sink(en, facts ? imageSeed(facts) : undefined);
  }
}
