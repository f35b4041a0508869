// Keeps container models in step with the containers in Docker: archives a model when no container uses its
// image (Docker destroy events, and a check at start-up), restores it when one appears (create events), and
// deletes models archived longer than the archive setting.
import type { DockerBridge, DockerEvent, DockerState } from '../../agent/docker/bridge';
import { IMAGE_USE_ACTIONS, imageUse } from '../../agent/runtime/image-usage';
import { ModelLifecycle, type LifecycleChanges } from '../../agent/runtime/model-lifecycle';
import type { ModelStore } from '../../agent/runtime/models';
import type { ModelService } from './model-service';

const DEBOUNCE_MS = 200;
/** Events can be missed while the daemon restarts; a periodic check catches up. */
const RECHECK_MS = 60_000;
/** Deletion timers are re-armed at least this often (timers cannot wait 30 days). */
const MAX_WAIT_MS = 10 * 60_000;

export class ModelLifecycleService {
  private readonly lifecycle: ModelLifecycle;
  private debounce?: NodeJS.Timeout;
  private recheck?: NodeJS.Timeout;
  private deletion?: NodeJS.Timeout;
  private chain: Promise<unknown> = Promise.resolve();
  private stopped = true;
  private readonly offs: Array<() => void> = [];
  errors = 0;
  lastError?: string;

  constructor(
    private readonly bridge: DockerBridge,
    private readonly models: ModelService,
    store: ModelStore,
  ) {
    this.lifecycle = new ModelLifecycle(models.engine, store);
  }

  /** Follows Docker and checks the models once now; resolves after that first check (or its failure). */
  async start(): Promise<void> {
    this.stopped = false;
    const onEvent = (e: DockerEvent): void => {
      if (e.type === 'container' && IMAGE_USE_ACTIONS.has(e.action)) this.schedule();
    };
    const onState = (s: DockerState): void => {
      if (s.connection === 'connected') this.schedule();
    };
    this.bridge.on('event', onEvent);
    this.bridge.on('state', onState);
    this.offs.push(
      () => this.bridge.off('event', onEvent),
      () => this.bridge.off('state', onState),
    );
    this.models.onSettingsChange(() => this.planDeletion());
    this.recheck = setInterval(() => this.schedule(), RECHECK_MS);
    await this.reconcile().catch(() => undefined); // noted in lastError; the next event or recheck retries
    this.planDeletion();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.debounce);
    clearInterval(this.recheck);
    clearTimeout(this.deletion);
    this.offs.splice(0).forEach((f) => f());
  }

  /** Lists every container (running or stopped) and archives or restores models to match. */
  reconcile(): Promise<LifecycleChanges> {
    const run = this.chain.then(async () => {
      const listedAt = Date.now();
      const containers = await this.bridge.listContainers();
      if (this.stopped) return { archived: [], restored: [] };
      const changes = this.lifecycle.reconcile(imageUse(containers), listedAt);
      if (changes.archived.length > 0) this.planDeletion();
      return changes;
    });
    this.chain = run.catch((err: Error) => this.note(err));
    return run;
  }

  /** Deletes what is due now and arms a timer for the next archived model to fall due. */
  private planDeletion(): void {
    clearTimeout(this.deletion);
    if (this.stopped) return;
    try {
      const after = this.models.archive.seconds;
      this.lifecycle.sweep(after);
      const next = this.lifecycle.nextDeletion(after);
      if (next === undefined) return;
      const wait = Math.min(Math.max(next - Date.now(), 0) + 50, MAX_WAIT_MS);
      this.deletion = setTimeout(() => this.planDeletion(), wait);
    } catch (err) {
      this.note(err as Error);
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.reconcile().catch(() => undefined), DEBOUNCE_MS);
  }

  private note(err: Error): void {
    if (this.stopped) return; // the database is closing
    this.errors++;
    this.lastError = `model lifecycle: ${err.message}`;
  }
}
