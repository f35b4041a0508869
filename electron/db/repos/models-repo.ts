// SQLite persistence of container models, their history and audits (agent/runtime's ModelStore).
// Audits arrive at sensor rate, so they are buffered and written in one transaction per flush.
import type {
  AuditKind,
  ContainerModel,
  HistoryKind,
  ModelAudit,
  ModelHistoryEntry,
  ModelStore,
} from '../../../agent/runtime/models';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../connection';

export interface StoredAudit extends ModelAudit {
  id: number;
}

export interface AuditQuery {
  page: number;
  pageSize: number;
  kind?: AuditKind;
  image?: string;
  search?: string;
}

interface ModelRow {
  id: string;
  image: string;
  state: ContainerModel['state'];
  learning_seconds: number | null;
  learning_started_at: string;
  manual: number;
  processes: string;
  listening: string;
  outbound: string;
  dns: string;
  file_dirs: string;
  archived_at: string | null;
  prior_state: 'learning' | 'active' | null;
}

interface AuditRow {
  id: number;
  audit_key: string;
  kind: AuditKind;
  what: string;
  container: string;
  image: string;
  process: string;
  rule: string;
  count: number;
  first_seen: string;
  last_seen: string;
}

/** A stored JSON facet that is not an array is reported with its model, not silently emptied. */
function jsonList<T>(text: string, model: string, column: string): T[] {
  const v: unknown = JSON.parse(text);
  if (!Array.isArray(v)) throw new Error(`model ${model}: column ${column} is not a JSON array`);
  return v as T[];
}

function toModel(r: ModelRow): ContainerModel {
  return {
    id: r.id,
    image: r.image,
    state: r.state,
    ...(r.learning_seconds === null ? {} : { learningSeconds: r.learning_seconds }),
    learningStartedAt: r.learning_started_at,
    manual: r.manual === 1,
    processes: jsonList(r.processes, r.id, 'processes'),
    listening: jsonList(r.listening, r.id, 'listening'),
    outbound: jsonList(r.outbound, r.id, 'outbound'),
    dns: jsonList(r.dns, r.id, 'dns'),
    fileDirs: jsonList(r.file_dirs, r.id, 'file_dirs'),
    ...(r.archived_at === null ? {} : { archivedAt: r.archived_at }),
    ...(r.prior_state === null ? {} : { priorState: r.prior_state }),
  };
}

function toAudit(r: AuditRow): StoredAudit {
  return {
    id: r.id,
    key: r.audit_key,
    kind: r.kind,
    what: r.what,
    container: r.container,
    image: r.image,
    process: r.process,
    rule: r.rule,
    count: r.count,
    firstTime: r.first_seen,
    lastTime: r.last_seen,
  };
}

export class ModelsRepo implements ModelStore {
  private pending = new Map<string, ModelAudit>();
  /** Prepared once: the engine reads a model for every sensor event. */
  private readonly statements = new Map<string, Statement>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    /** Called after each flush with the rows it wrote (new or re-counted). */
    private readonly onFlushed: (rows: StoredAudit[]) => void = () => undefined,
    private readonly flushMs = 250,
  ) {}

  private stmt(sql: string): Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  getModel(id: string): ContainerModel | undefined {
    const r = this.stmt('SELECT * FROM models WHERE id = ?').get(id) as ModelRow | undefined;
    return r ? toModel(r) : undefined;
  }

  listModels(): ContainerModel[] {
    return (this.stmt('SELECT * FROM models ORDER BY image').all() as ModelRow[]).map(toModel);
  }

  putModel(m: ContainerModel): void {
    this.stmt(
      `INSERT INTO models(id, image, state, learning_seconds, learning_started_at, manual,
           processes, listening, outbound, dns, file_dirs, archived_at, prior_state, updated_at)
         VALUES (@id, @image, @state, @ls, @started, @manual, @processes, @listening, @outbound, @dns, @fileDirs,
           @archivedAt, @priorState, @now)
         ON CONFLICT(id) DO UPDATE SET image = excluded.image, state = excluded.state,
           learning_seconds = excluded.learning_seconds, learning_started_at = excluded.learning_started_at,
           manual = excluded.manual, processes = excluded.processes, listening = excluded.listening,
           outbound = excluded.outbound, dns = excluded.dns, file_dirs = excluded.file_dirs,
           archived_at = excluded.archived_at, prior_state = excluded.prior_state, updated_at = excluded.updated_at`,
    ).run({
      id: m.id,
      image: m.image,
      state: m.state,
      ls: m.learningSeconds ?? null,
      started: m.learningStartedAt,
      manual: m.manual ? 1 : 0,
      processes: JSON.stringify(m.processes),
      listening: JSON.stringify(m.listening),
      outbound: JSON.stringify(m.outbound),
      dns: JSON.stringify(m.dns),
      fileDirs: JSON.stringify(m.fileDirs),
      archivedAt: m.archivedAt ?? null,
      priorState: m.priorState ?? null,
      now: new Date().toISOString(),
    });
  }

  deleteModel(id: string): void {
    this.stmt('DELETE FROM models WHERE id = ?').run(id);
  }

  addHistory(e: ModelHistoryEntry): void {
    this.stmt(
      'INSERT INTO model_history(model_id, time, kind, detail, container) VALUES (?, ?, ?, ?, ?)',
    ).run(e.modelId, e.time, e.kind, e.detail, e.container ?? null);
  }

  history(modelId: string): ModelHistoryEntry[] {
    const rows = this.stmt(
      'SELECT model_id, time, kind, detail, container FROM model_history WHERE model_id = ? ORDER BY id',
    ).all(modelId) as Array<{
      model_id: string;
      time: string;
      kind: HistoryKind;
      detail: string;
      container: string | null;
    }>;
    return rows.map((r) => ({
      modelId: r.model_id,
      time: r.time,
      kind: r.kind,
      detail: r.detail,
      ...(r.container === null ? {} : { container: r.container }),
    }));
  }

  /** Buffered: the same audit re-counted before a flush is written once with its latest count. */
  putAudit(a: ModelAudit): void {
    this.pending.set(`${a.key}@${a.firstTime}`, { ...a });
    this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  /** Writes every buffered audit in one transaction. */
  flush(): StoredAudit[] {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return [];
    const batch = [...this.pending.values()];
    this.pending.clear();
    const upsert = this.stmt(
      `INSERT INTO audits(audit_key, kind, what, container, image, process, rule, count, first_seen, last_seen)
       VALUES (@key, @kind, @what, @container, @image, @process, @rule, @count, @firstTime, @lastTime)
       ON CONFLICT(audit_key, first_seen) DO UPDATE SET count = excluded.count, last_seen = excluded.last_seen
       RETURNING *`,
    );
    // Audit batches commit without waiting for fsync (WAL keeps the file consistent; a power cut may drop the last
    // batch): at sensor rates a blocking fsync stalls the event loop that reads the sensors, and events back up.
    // The next fully synchronous commit on this connection makes these frames durable too.
    const previous = this.db.pragma('synchronous', { simple: true }) as number;
    this.db.pragma('synchronous = NORMAL');
    let rows: StoredAudit[];
    try {
      rows = this.db.transaction(() => batch.map((a) => toAudit(upsert.get(a) as AuditRow)))();
    } finally {
      this.db.pragma(`synchronous = ${previous}`);
    }
    this.onFlushed(rows);
    return rows;
  }

  /** The newest audits (the engine's view); the API pages through listAudits. */
  audits(limit = 10_000): ModelAudit[] {
    this.flush();
    const rows = this.stmt('SELECT * FROM audits ORDER BY id DESC LIMIT ?').all(limit) as AuditRow[];
    return rows.map(toAudit);
  }

  /** Audit occurrences per container id seen since an ISO time (the radar's outline). */
  auditCountsByContainer(since: string): Map<string, number> {
    this.flush();
    const rows = this.stmt(
      'SELECT container, SUM(count) AS n FROM audits WHERE last_seen >= ? GROUP BY container',
    ).all(since) as Array<{ container: string; n: number }>;
    return new Map(rows.map((r) => [r.container, r.n]));
  }

  listAudits(q: AuditQuery): { items: StoredAudit[]; total: number } {
    this.flush();
    const where: string[] = [];
    const args: Record<string, string | number> = {};
    if (q.kind) {
      where.push('kind = @kind');
      args.kind = q.kind;
    }
    if (q.image) {
      where.push('image = @image');
      args.image = q.image;
    }
    if (q.search) {
      where.push(
        "(what LIKE @s ESCAPE '\\' OR container LIKE @s ESCAPE '\\' OR image LIKE @s ESCAPE '\\' OR process LIKE @s ESCAPE '\\' OR rule LIKE @s ESCAPE '\\')",
      );
      args.s = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.stmt(`SELECT COUNT(*) AS n FROM audits ${clause}`).get(args) as { n: number }).n;
    const items = (
      this.stmt(
        `SELECT * FROM audits ${clause} ORDER BY last_seen DESC, id DESC LIMIT @limit OFFSET @offset`,
      ).all({ ...args, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as AuditRow[]
    ).map(toAudit);
    return { items, total };
  }

  close(): void {
    this.flush();
  }
}
