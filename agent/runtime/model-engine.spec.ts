import { describe, expect, it } from 'vitest';
import type { EnrichedEvent } from './events';
import { ModelEngine } from './model-engine';
import { addrMatches } from './model-match';
import { InMemoryModelStore, learningSecondsFrom } from './models';

const C = 'c'.repeat(64);
function ev(p: Partial<EnrichedEvent>): EnrichedEvent {
  return {
    time: '',
    host: 'h',
    source: 't',
    kind: 'exec',
    pid: 2,
    ppid: 1,
    uid: 0,
    exe: '',
    name: '',
    argv: [],
    containerId: C,
    imageId: 'sha256:img',
    imageName: 'web',
    ...p,
  };
}

function setup(): { engine: ModelEngine; store: InMemoryModelStore; clock: { t: number } } {
  const clock = { t: Date.parse('2026-01-01T00:00:00Z') };
  const store = new InMemoryModelStore();
  const engine = new ModelEngine(store, { learningSeconds: 3, now: () => clock.t, auditWindowMs: 10_000 });
  engine.ensureModel(
    { imageId: 'sha256:img', imageName: 'web', cmd: ['httpd', '-f'], exposedPorts: ['8080/tcp'] },
    C,
  );
  return { engine, store, clock };
}

describe('ModelEngine', () => {
  it('seeds from the image config, learns while learning and audits once active', () => {
    const { engine, store, clock } = setup();
    expect(store.getModel('sha256:img')).toMatchObject({
      state: 'learning',
      processes: [{ name: 'httpd' }],
      listening: [8080],
    });
    expect(engine.observe(ev({ name: 'sh', exe: '/bin/sh' }))).toBeUndefined();
    clock.t += 3000;
    engine.tick();
    expect(store.getModel('sha256:img')?.state).toBe('active');
    expect(engine.observe(ev({ name: 'sh' }))).toBeUndefined();
    expect(engine.observe(ev({ name: 'httpd' }))).toBeUndefined();
    expect(engine.observe(ev({ name: 'top', exe: 'top' }))).toMatchObject({
      kind: 'process',
      what: 'top',
      process: 'top',
      container: C,
      image: 'web',
      count: 1,
    });
    expect(engine.observe(ev({ kind: 'listen', port: 9999, name: 'nc' }))).toMatchObject({
      kind: 'listen',
      what: 'port 9999',
    });
    expect(engine.observe(ev({ kind: 'listen', port: 8080 }))).toBeUndefined();
    expect(engine.observe(ev({ kind: 'connect', addr: '10.255.255.1', port: 80 }))).toMatchObject({
      kind: 'outbound',
    });
    expect(engine.observe(ev({ kind: 'dns', query: 'Evil.Example' }))).toMatchObject({
      kind: 'dns',
      what: 'evil.example',
    });
    expect(engine.observe(ev({ kind: 'file-write', path: '/evil', op: 'create' }))).toMatchObject({
      kind: 'file-system',
    });
    expect(
      engine.observe(ev({ kind: 'file-write', path: '/proc/self/fd/5', op: 'open-write' })),
    ).toBeUndefined();
  });
  it('de-duplicates within the window and starts a new audit after it', () => {
    const { engine, store, clock } = setup();
    clock.t += 4000;
    engine.observe(ev({ name: 'top' }));
    clock.t += 1000;
    expect(engine.observe(ev({ name: 'top' }))?.count).toBe(2);
    clock.t += 20_000;
    expect(engine.observe(ev({ name: 'top' }))?.count).toBe(1);
    expect(store.audits()).toHaveLength(2);
  });
  it('manual relearning is additive, runs until stopped and silences what it learned', () => {
    const { engine, store, clock } = setup();
    clock.t += 4000;
    expect(engine.observe(ev({ name: 'top' }))).toBeDefined();
    engine.relearn('sha256:img', true);
    clock.t += 3600_000;
    engine.tick();
    expect(store.getModel('sha256:img')?.state).toBe('learning');
    engine.observe(ev({ name: 'top' }));
    engine.stopLearning('sha256:img');
    expect(engine.observe(ev({ name: 'top' }))).toBeUndefined();
    expect(engine.observe(ev({ name: 'httpd' }))).toBeUndefined();
    const kinds = store.history('sha256:img').map((h) => `${h.kind}:${h.detail}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'state:manual learning started',
        'learned:process: top',
        'state:active: learning stopped by user',
      ]),
    );
    expect(store.history('sha256:img').find((h) => h.kind === 'learned')?.container).toBe(C);
  });
  it('ignores host events, unknown images and archived models; refuses unknown ids', () => {
    const { engine, clock } = setup();
    clock.t += 4000;
    expect(engine.observe(ev({ name: 'top', containerId: undefined }))).toBeUndefined();
    expect(engine.observe(ev({ name: 'top', imageId: 'sha256:other' }))).toBeUndefined();
    engine.archive('sha256:img', 'no container uses the image');
    expect(engine.observe(ev({ name: 'top' }))).toBeUndefined();
    expect(() => engine.relearn('sha256:nope')).toThrow(/sha256:nope/);
  });
  it('honours a per-model learning time', () => {
    const { engine, store, clock } = setup();
    engine.setLearningSeconds('sha256:img', 100);
    clock.t += 50_000;
    engine.tick();
    expect(store.getModel('sha256:img')?.state).toBe('learning');
    clock.t += 50_000;
    engine.tick();
    expect(store.getModel('sha256:img')?.state).toBe('active');
    expect(store.history('sha256:img').map((h) => h.detail)).toContain('learning period set to 100 s');
  });
  it('applies a new global learning period to models learning now, unless they have their own', () => {
    const { engine, store, clock } = setup();
    engine.setDefaultLearningSeconds(600);
    clock.t += 10_000;
    engine.tick();
    expect(store.getModel('sha256:img')?.state).toBe('learning');
    engine.setDefaultLearningSeconds(5);
    engine.tick();
    expect(store.getModel('sha256:img')).toMatchObject({ state: 'active' });
    expect(store.history('sha256:img').at(-1)?.detail).toBe('active: learning finished after 5 s');
  });
  it('resets a per-model learning period to the global one', () => {
    const { engine, store, clock } = setup();
    engine.setLearningSeconds('sha256:img', 100);
    clock.t += 10_000;
    const m = engine.setLearningSeconds('sha256:img', undefined);
    expect(m.state).toBe('active');
    expect(store.getModel('sha256:img')?.learningSeconds).toBeUndefined();
    expect(store.history('sha256:img').map((h) => h.detail)).toContain(
      'learning period reset to the global setting (3 s)',
    );
  });
});

describe('learningSecondsFrom and addrMatches', () => {
  it('reads MOAT_LEARNING_SECONDS and refuses nonsense', () => {
    expect(learningSecondsFrom({})).toBe(3600);
    expect(learningSecondsFrom({ MOAT_LEARNING_SECONDS: '3' })).toBe(3);
    expect(() => learningSecondsFrom({ MOAT_LEARNING_SECONDS: 'soon' })).toThrow(/MOAT_LEARNING_SECONDS/);
    expect(() => learningSecondsFrom({ MOAT_LEARNING_SECONDS: '-1' })).toThrow(/-1/);
  });
  it('matches CIDRs and refuses malformed ones', () => {
    expect(addrMatches('10.0.0.0/8', '10.255.255.1')).toBe(true);
    expect(addrMatches('10.0.0.0/8', '11.0.0.1')).toBe(false);
    expect(addrMatches('0.0.0.0/0', '1.2.3.4')).toBe(true);
    expect(addrMatches('10.0.0.0/33', '10.0.0.1')).toBe(false);
    expect(addrMatches('999.0.0.0/8', '10.0.0.1')).toBe(false);
    expect(addrMatches('::1', '::1')).toBe(true);
  });
});

describe('docker exec commands', () => {
  it('judge the exec command as a process', () => {
    const { engine, clock } = setup();
    clock.t += 4000;
    const a = engine.observe(
      ev({ kind: 'container', action: 'exec_start', argv: ['top', '-n', '1'], detail: 'top -n 1' }),
    );
    expect(a).toMatchObject({ kind: 'process', what: 'top' });
    expect(engine.observe(ev({ kind: 'container', action: 'start', argv: [] }))).toBeUndefined();
  });
});
