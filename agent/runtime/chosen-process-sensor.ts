// One Sensor that, when started, picks eBPF or the /proc fallback (agent/runtime/registry) and remembers why,
// so the pipeline can start it like any other sensor and the console can report the choice.
import type { EventSink, Sensor, SensorHealth } from './events';
import { startProcessSensor, type SensorDeps } from './registry';

export class ChosenProcessSensor implements Sensor {
  private chosen?: Sensor;
  private startError?: string;
  /** Set when eBPF could not start and /proc is used instead. */
  fallbackReason?: string;

  constructor(private readonly deps: SensorDeps) {}

  get backend(): string {
    return this.chosen?.backend ?? 'none';
  }

  async start(onEvent: EventSink): Promise<void> {
    try {
      const c = await startProcessSensor(this.deps, onEvent);
      this.chosen = c.sensor;
      this.fallbackReason = c.fallbackReason;
    } catch (err) {
      this.startError = (err as Error).message;
      throw err;
    }
  }

  async stop(): Promise<void> {
    await this.chosen?.stop();
  }

  health(): SensorHealth {
    if (this.chosen) return this.chosen.health();
    return {
      backend: 'none',
      running: false,
      restarts: 0,
      lost: 0,
      ...(this.startError ? { reason: this.startError } : {}),
    };
  }
}
