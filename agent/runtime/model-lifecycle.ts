// Model lifecycle from the images containers use: archived when no container (running or stopped) uses the image,
// restored when one appears again, deleted once archived for longer than the configured time.
import type { ModelEngine } from './model-engine';
import type { ModelStore } from './models';

/** Image id → one container (running or stopped) that uses it. */
export type ImageUse = ReadonlyMap<string, string>;

export interface LifecycleChanges {
  archived: string[];
  restored: string[];
}

export class ModelLifecycle {
  constructor(
    private readonly engine: ModelEngine,
    private readonly store: ModelStore,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Brings every model in line with the containers listed at `listedAt` (epoch ms). A model that started
   * learning after that list was taken may belong to a container the list could not show yet: left alone.
   */
  reconcile(inUse: ImageUse, listedAt: number = this.now()): LifecycleChanges {
    const out: LifecycleChanges = { archived: [], restored: [] };
    for (const m of this.store.listModels()) {
      const container = inUse.get(m.id);
      if (m.state === 'archived' && container) {
        this.engine.restore(m.id, 'a container of the image exists again', container);
        out.restored.push(m.id);
      } else if (m.state !== 'archived' && !container && Date.parse(m.learningStartedAt) < listedAt) {
        this.engine.archive(m.id, 'no container uses the image');
        out.archived.push(m.id);
      }
    }
    return out;
  }

  /** Deletes models archived for at least `afterSeconds`; returns their ids. */
  sweep(afterSeconds: number): string[] {
    const deleted: string[] = [];
    for (const m of this.store.listModels()) {
      const due = this.dueAt(m.archivedAt, afterSeconds);
      if (m.state === 'archived' && due !== undefined && due <= this.now()) {
        this.engine.deleteArchived(m.id, `archived for more than ${afterSeconds} s`);
        deleted.push(m.id);
      }
    }
    return deleted;
  }

  /** When the next archived model falls due for deletion (epoch ms), if any is archived. */
  nextDeletion(afterSeconds: number): number | undefined {
    let next: number | undefined;
    for (const m of this.store.listModels()) {
      const due = m.state === 'archived' ? this.dueAt(m.archivedAt, afterSeconds) : undefined;
      if (due !== undefined && (next === undefined || due < next)) next = due;
    }
    return next;
  }

  private dueAt(archivedAt: string | undefined, afterSeconds: number): number | undefined {
    // An archived model without a time (none is written that way now) is never deleted automatically.
    const t = archivedAt ? Date.parse(archivedAt) : NaN;
    return Number.isFinite(t) ? t + afterSeconds * 1000 : undefined;
  }
}
