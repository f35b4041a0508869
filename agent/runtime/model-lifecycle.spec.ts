import { describe, expect, it } from 'vitest';
import { imageUse } from './image-usage';
import { ModelEngine } from './model-engine';
import { ModelLifecycle } from './model-lifecycle';
import { InMemoryModelStore } from './models';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

function setup(): {
  engine: ModelEngine;
  store: InMemoryModelStore;
  life: ModelLifecycle;
  clock: { t: number };
} {
  const clock = { t: Date.parse('2026-01-01T00:00:00Z') };
  const store = new InMemoryModelStore();
  const now = (): number => clock.t;
  const engine = new ModelEngine(store, { learningSeconds: 60, now });
  engine.ensureModel({ imageId: 'sha256:web', imageName: 'web' }, A);
  engine.ensureModel({ imageId: 'sha256:db', imageName: 'db' }, B);
  clock.t += 1000;
  return { engine, store, life: new ModelLifecycle(engine, store, now), clock };
}

const details = (store: InMemoryModelStore, id: string): string[] => store.history(id).map((h) => h.detail);

describe('ModelLifecycle', () => {
  it('archives models whose image no container uses and restores the prior state when one appears', () => {
    const { engine, store, life, clock } = setup();
    engine.stopLearning('sha256:db');
    const none = imageUse([]);
    expect(life.reconcile(none)).toEqual({ archived: ['sha256:web', 'sha256:db'], restored: [] });
    expect(store.getModel('sha256:web')).toMatchObject({ state: 'archived', priorState: 'learning' });
    expect(store.getModel('sha256:db')).toMatchObject({ state: 'archived', priorState: 'active' });
    // nothing changes twice
    expect(life.reconcile(none)).toEqual({ archived: [], restored: [] });

    clock.t += 30_000;
    const back = imageUse([{ Id: B, ImageID: 'sha256:db', Created: 1 }]);
    expect(life.reconcile(back)).toEqual({ archived: [], restored: ['sha256:db'] });
    const db = store.getModel('sha256:db');
    expect(db?.state).toBe('active');
    expect(db?.archivedAt).toBeUndefined();
    expect(store.history('sha256:db').at(-1)).toMatchObject({
      detail: 'active: a container of the image exists again',
      container: B,
    });
    expect(details(store, 'sha256:web')).toContain('archived: no container uses the image');
  });

  it('pauses the learning clock while archived', () => {
    const { store, life, clock } = setup();
    const started = Date.parse(store.getModel('sha256:web')!.learningStartedAt);
    life.reconcile(imageUse([]));
    clock.t += 500_000;
    life.reconcile(imageUse([{ Id: A, ImageID: 'sha256:web', Created: 1 }]));
    const m = store.getModel('sha256:web')!;
    expect(m.state).toBe('learning');
    expect(Date.parse(m.learningStartedAt) - started).toBe(500_000);
  });

  it('leaves a model alone that started learning after the container list was taken', () => {
    const { engine, store, life, clock } = setup();
    const listedAt = clock.t;
    clock.t += 10;
    engine.ensureModel({ imageId: 'sha256:new', imageName: 'new' }, A);
    const r = life.reconcile(imageUse([]), listedAt);
    expect(r.archived).not.toContain('sha256:new');
    expect(store.getModel('sha256:new')?.state).toBe('learning');
  });

  it('deletes models archived for the configured time and nothing else; history stays', () => {
    const { store, life, clock } = setup();
    life.reconcile(imageUse([{ Id: B, ImageID: 'sha256:db', Created: 1 }]));
    expect(life.nextDeletion(100)).toBe(clock.t + 100_000);
    clock.t += 99_000;
    expect(life.sweep(100)).toEqual([]);
    clock.t += 1000;
    expect(life.sweep(100)).toEqual(['sha256:web']);
    expect(store.getModel('sha256:web')).toBeUndefined();
    expect(store.getModel('sha256:db')?.state).toBe('learning');
    expect(details(store, 'sha256:web').at(-1)).toBe('deleted: archived for more than 100 s');
    expect(life.nextDeletion(100)).toBeUndefined();
  });

  it('imageUse keeps the newest container per image', () => {
    const use = imageUse([
      { Id: B, ImageID: 'sha256:web', Created: 5 },
      { Id: A, ImageID: 'sha256:web', Created: 2 },
    ]);
    expect(use.get('sha256:web')).toBe(B);
  });
});
