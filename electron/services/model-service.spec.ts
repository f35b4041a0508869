import { describe, expect, it } from 'vitest';
import { ModelLifecycle } from '../../agent/runtime/model-lifecycle';
import { openConsoleDb } from '../db/connection';
import { ModelsRepo } from '../db/repos/models-repo';
import { SettingsRepo } from '../db/repos/settings-repo';
import { ARCHIVE_DELETE_SETTING, ModelService, archivePeriod, learningPeriod } from './model-service';

function consoleModels(env: NodeJS.ProcessEnv = {}): {
  svc: ModelService;
  repo: ModelsRepo;
  settings: SettingsRepo;
} {
  const db = openConsoleDb(':memory:');
  const settings = new SettingsRepo(db);
  const repo = new ModelsRepo(db);
  const svc = new ModelService(repo, learningPeriod(settings, env), settings, archivePeriod(settings, env));
  return { svc, repo, settings };
}

describe('runtime settings', () => {
  it('stores the learning period and applies it at once to models learning on the global period', () => {
    const { svc, settings } = consoleModels();
    svc.engine.ensureModel({ imageId: 'sha256:aaaa', imageName: 'web:1' }, 'c1');
    svc.engine.ensureModel({ imageId: 'sha256:bbbb', imageName: 'db:1' }, 'c2');
    svc.setLearning('db:1', 3600);
    expect(svc.settings()).toEqual({
      learningSeconds: 3600,
      learningSource: 'default',
      archiveDeleteSeconds: 30 * 24 * 3600,
      archiveDeleteSource: 'default',
    });
    const changed = svc.settings({ learningSeconds: 0 });
    expect(changed).toMatchObject({
      learningSeconds: 0,
      learningSource: 'setting',
      storedLearningSeconds: 0,
    });
    // no restart: the model on the global period is active now, the one with its own period still learns
    expect(svc.get('web:1')).toMatchObject({ state: 'active', learningSeconds: 0 });
    expect(svc.get('db:1')).toMatchObject({
      state: 'learning',
      learningSeconds: 3600,
      ownLearningSeconds: 3600,
    });
    // the next console start reads the same
    expect(learningPeriod(settings, {})).toEqual({ seconds: 0, source: 'setting' });
  });

  it('keeps the environment variables in charge while they are set', () => {
    const { svc } = consoleModels({ MOAT_LEARNING_SECONDS: '3', MOAT_ARCHIVE_DELETE_SECONDS: '5' });
    expect(svc.settings({ learningSeconds: 600, archiveDeleteSeconds: 7200 })).toEqual({
      learningSeconds: 3,
      learningSource: 'MOAT_LEARNING_SECONDS',
      storedLearningSeconds: 600,
      archiveDeleteSeconds: 5,
      archiveDeleteSource: 'MOAT_ARCHIVE_DELETE_SECONDS',
      storedArchiveDeleteSeconds: 7200,
    });
    expect(svc.engine.defaultLearningSeconds).toBe(3);
  });

  it('reads the archive time from the environment, the setting or the default, and names a bad value', () => {
    const settings = new SettingsRepo(openConsoleDb(':memory:'));
    expect(archivePeriod(settings, {})).toEqual({ seconds: 2_592_000, source: 'default' });
    settings.set(ARCHIVE_DELETE_SETTING, 86_400);
    expect(archivePeriod(settings, {})).toEqual({ seconds: 86_400, source: 'setting' });
    expect(archivePeriod(settings, { MOAT_ARCHIVE_DELETE_SECONDS: '2' })).toEqual({
      seconds: 2,
      source: 'MOAT_ARCHIVE_DELETE_SECONDS',
    });
    expect(() => archivePeriod(settings, { MOAT_ARCHIVE_DELETE_SECONDS: 'later' })).toThrow(
      'MOAT_ARCHIVE_DELETE_SECONDS must be a non-negative number of seconds, got "later"',
    );
    settings.set(ARCHIVE_DELETE_SETTING, 'a month');
    expect(archivePeriod(settings, {}).source).toBe('default');
  });

  it('calls its listeners when a setting changes, and refuses without a settings store', () => {
    const { svc } = consoleModels();
    let calls = 0;
    svc.onSettingsChange(() => calls++);
    svc.settings();
    expect(calls).toBe(0);
    svc.settings({ archiveDeleteSeconds: 60 });
    expect(calls).toBe(1);
    expect(svc.archive).toEqual({ seconds: 60, source: 'setting' });
    const bare = new ModelService(new ModelsRepo(openConsoleDb(':memory:')), {
      seconds: 60,
      source: 'default',
    });
    expect(() => bare.settings()).toThrow(/not stored/);
  });
});

describe('per-model learning period and lifecycle in console.db', () => {
  it('sets and resets a model’s own period, with history', () => {
    const { svc } = consoleModels();
    svc.engine.ensureModel({ imageId: 'sha256:aaaa', imageName: 'web:1' }, 'c1');
    expect(svc.setLearning('web:1', 120)).toMatchObject({ learningSeconds: 120, ownLearningSeconds: 120 });
    const reset = svc.setLearning('sha256:aaaa', null);
    expect(reset.ownLearningSeconds).toBeUndefined();
    expect(reset.learningSeconds).toBe(3600);
    expect(svc.get('web:1').history.map((h) => h.detail)).toEqual([
      'model for web:1 created, learning',
      'learning period set to 120 s',
      'learning period reset to the global setting (3600 s)',
    ]);
    expect(() => svc.setLearning('nope', 5)).toThrow(/no container model for image "nope"/);
  });

  it('stores archive state, shows when deletion is due, and keeps history after deletion', () => {
    const { svc, repo } = consoleModels();
    svc.engine.ensureModel({ imageId: 'sha256:aaaa', imageName: 'web:1' }, 'c1');
    svc.engine.ensureModel({ imageId: 'sha256:bbbb', imageName: 'db:1' }, 'c2');
    const life = new ModelLifecycle(svc.engine, repo);
    life.reconcile(new Map([['sha256:bbbb', 'c2']]), Date.now() + 1);
    const archived = svc.get('web:1');
    expect(archived).toMatchObject({ state: 'archived' });
    expect(Date.parse(archived.deleteAt!) - Date.parse(archived.archivedAt!)).toBe(30 * 24 * 3600 * 1000);
    expect(repo.getModel('sha256:aaaa')?.priorState).toBe('learning');
    expect(svc.list(1, 10, 'archived').items.map((m) => m.image)).toEqual(['web:1']);
    expect(life.sweep(0)).toEqual(['sha256:aaaa']);
    expect(() => svc.get('web:1')).toThrow(/no container model/);
    expect(svc.get('db:1').state).toBe('learning');
    // the image's history survives its model: a re-created model shows what came before
    svc.engine.ensureModel({ imageId: 'sha256:aaaa', imageName: 'web:1' }, 'c3');
    expect(svc.get('web:1').history.map((h) => h.detail)).toEqual([
      'model for web:1 created, learning',
      'archived: no container uses the image',
      'deleted: archived for more than 0 s',
      'model for web:1 created, learning',
    ]);
  });
});
