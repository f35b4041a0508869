import { describe, expect, it } from 'vitest';
import type { ContainerModel, ModelAudit } from '../../../agent/runtime/models';
import { openConsoleDb } from '../connection';
import { ModelsRepo, type StoredAudit } from './models-repo';

const model: ContainerModel = {
  id: 'sha256:abc',
  image: 'busybox:1',
  state: 'learning',
  learningStartedAt: '2024-01-01T00:00:00.000Z',
  manual: false,
  processes: [{ name: 'httpd', path: '/bin/httpd', user: 'root' }],
  listening: [8080],
  outbound: [{ addr: '10.0.0.0/8', port: 53 }],
  dns: ['example.com'],
  fileDirs: ['/tmp'],
};

const audit = (what: string, count = 1, first = '2024-01-01T00:00:01.000Z'): ModelAudit => ({
  key: `sha256:abc|c1|process|${what}`,
  kind: 'process',
  what,
  container: 'c1',
  image: 'busybox:1',
  process: what,
  rule: 'process not in model',
  firstTime: first,
  lastTime: first,
  count,
});

function repo(onFlushed?: (r: StoredAudit[]) => void): ModelsRepo {
  return new ModelsRepo(openConsoleDb(':memory:'), onFlushed, 10_000);
}

describe('ModelsRepo', () => {
  it('stores and reads back a model with its facets and history', () => {
    const r = repo();
    r.putModel(model);
    expect(r.getModel(model.id)).toEqual(model);
    r.putModel({ ...model, state: 'active', learningSeconds: 3, manual: true });
    expect(r.getModel(model.id)).toMatchObject({ state: 'active', learningSeconds: 3, manual: true });
    expect(r.listModels()).toHaveLength(1);
    r.addHistory({ modelId: model.id, time: 't1', kind: 'created', detail: 'created' });
    r.addHistory({
      modelId: model.id,
      time: 't2',
      kind: 'learned',
      detail: 'listen: port 1',
      container: 'c1',
    });
    expect(r.history(model.id)).toEqual([
      { modelId: model.id, time: 't1', kind: 'created', detail: 'created' },
      { modelId: model.id, time: 't2', kind: 'learned', detail: 'listen: port 1', container: 'c1' },
    ]);
    expect(r.getModel('sha256:none')).toBeUndefined();
  });

  it('buffers audits and writes them in one flush, keeping the latest count of a re-counted audit', () => {
    const flushed: StoredAudit[][] = [];
    const r = repo((rows) => flushed.push(rows));
    r.putModel(model);
    r.putAudit(audit('top'));
    r.putAudit(audit('top', 2));
    r.putAudit(audit('ps'));
    expect(flushed).toEqual([]);
    const rows = r.flush();
    expect(rows.map((a) => [a.what, a.count])).toEqual([
      ['top', 2],
      ['ps', 1],
    ]);
    expect(flushed).toHaveLength(1);
    r.putAudit(audit('top', 5));
    r.flush();
    const page = r.listAudits({ page: 1, pageSize: 10 });
    expect(page.total).toBe(2);
    expect(page.items.find((a) => a.what === 'top')?.count).toBe(5);
    // a repeat after the window is a new row
    r.putAudit(audit('top', 1, '2024-01-01T01:00:00.000Z'));
    expect(r.listAudits({ page: 1, pageSize: 10 }).total).toBe(3);
    expect(r.flush()).toEqual([]);
  });

  it('commits audit batches without waiting for fsync, then restores the connection setting', () => {
    const db = openConsoleDb(':memory:');
    const seen: number[] = [];
    const r = new ModelsRepo(db, () => seen.push(db.pragma('synchronous', { simple: true }) as number));
    r.putModel(model);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL for everything else
    r.putAudit(audit('top'));
    r.flush();
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(seen).toEqual([2]);
    db.pragma('synchronous = OFF');
    r.putAudit(audit('ps'));
    r.flush();
    expect(db.pragma('synchronous', { simple: true })).toBe(0);
    expect(r.listAudits({ page: 1, pageSize: 10 }).total).toBe(2);
  });
  it('filters by kind, image and search, treating LIKE wildcards in the search literally', () => {
    const r = repo();
    r.putModel(model);
    r.putAudit(audit('top'));
    r.putAudit({ ...audit('port 9999'), kind: 'listen', key: 'k2' });
    r.putAudit(audit('100%_done'));
    expect(r.listAudits({ page: 1, pageSize: 10, kind: 'listen' }).items.map((a) => a.what)).toEqual([
      'port 9999',
    ]);
    expect(r.listAudits({ page: 1, pageSize: 10, search: '%' }).items.map((a) => a.what)).toEqual([
      '100%_done',
    ]);
    expect(r.listAudits({ page: 1, pageSize: 10, image: 'other' }).total).toBe(0);
    expect(r.listAudits({ page: 2, pageSize: 2 }).items).toHaveLength(1);
  });

  it('reports a corrupted facet column with the model it belongs to', () => {
    const db = openConsoleDb(':memory:');
    const r = new ModelsRepo(db);
    r.putModel(model);
    db.prepare('UPDATE models SET dns = \'{"a":1}\' WHERE id = ?').run(model.id);
    expect(() => r.getModel(model.id)).toThrow(/model sha256:abc: column dns is not a JSON array/);
    db.prepare("UPDATE models SET dns = 'not json' WHERE id = ?").run(model.id);
    expect(() => r.getModel(model.id)).toThrow();
  });
});
