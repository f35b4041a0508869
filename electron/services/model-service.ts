// Container models and audits as the API shows them; the engine that learns them is shared with the sensors.
import { MODEL_DEFAULTS } from '../../agent/runtime/model-defaults';
import { ModelEngine } from '../../agent/runtime/model-engine';
import type { ContainerModel } from '../../agent/runtime/models';
import { ApiError } from '../api/errors';
import type {
  AuditDto,
  AuditKindName,
  ModelDetailDto,
  ModelStateName,
  ModelSummaryDto,
  Page,
  RuntimeSettingsDto,
} from '../contract/index';
import type { ModelsRepo, StoredAudit } from '../db/repos/models-repo';
import type { SettingsRepo } from '../db/repos/settings-repo';

export const LEARNING_SETTING = 'runtime.learningSeconds';
export const ARCHIVE_DELETE_SETTING = 'runtime.archiveDeleteSeconds';

interface SecondsSetting<Env extends string> {
  seconds: number;
  source: Env | 'setting' | 'default';
}

export type LearningPeriod = SecondsSetting<'MOAT_LEARNING_SECONDS'>;
export type ArchivePeriod = SecondsSetting<'MOAT_ARCHIVE_DELETE_SECONDS'>;

/** The environment variable (scripted demos, tests) beats the stored setting, which beats the shipped default. */
function secondsSetting<Env extends string>(
  settings: SettingsRepo,
  key: string,
  envName: Env,
  fallback: number,
  env: NodeJS.ProcessEnv,
): SecondsSetting<Env> {
  const raw = env[envName];
  if (raw !== undefined && raw.trim() !== '') {
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0)
      throw new Error(`${envName} must be a non-negative number of seconds, got "${raw}"`);
    return { seconds: n, source: envName };
  }
  const stored = settings.get<unknown>(key, undefined);
  if (typeof stored === 'number' && Number.isFinite(stored) && stored >= 0) {
    return { seconds: stored, source: 'setting' };
  }
  return { seconds: fallback, source: 'default' };
}

export function learningPeriod(settings: SettingsRepo, env: NodeJS.ProcessEnv = process.env): LearningPeriod {
  return secondsSetting(
    settings,
    LEARNING_SETTING,
    'MOAT_LEARNING_SECONDS',
    MODEL_DEFAULTS.learningSeconds,
    env,
  );
}

export function archivePeriod(settings: SettingsRepo, env: NodeJS.ProcessEnv = process.env): ArchivePeriod {
  return secondsSetting(
    settings,
    ARCHIVE_DELETE_SETTING,
    'MOAT_ARCHIVE_DELETE_SECONDS',
    MODEL_DEFAULTS.archiveDeleteSeconds,
    env,
  );
}

export function toAuditDto(a: StoredAudit): AuditDto {
  return {
    id: a.id,
    kind: a.kind,
    what: a.what,
    container: a.container,
    image: a.image,
    process: a.process,
    rule: a.rule,
    count: a.count,
    firstSeen: a.firstTime,
    lastSeen: a.lastTime,
  };
}

export class ModelService {
  readonly engine: ModelEngine;
  private learningNow: LearningPeriod;
  private archiveNow: ArchivePeriod;
  private readonly listeners: Array<() => void> = [];

  constructor(
    private readonly repo: ModelsRepo,
    learning: LearningPeriod,
    private readonly settingsRepo?: SettingsRepo,
    archive?: ArchivePeriod,
  ) {
    this.learningNow = learning;
    this.archiveNow =
      archive ??
      (settingsRepo
        ? archivePeriod(settingsRepo)
        : { seconds: MODEL_DEFAULTS.archiveDeleteSeconds, source: 'default' });
    this.engine = new ModelEngine(repo, { learningSeconds: learning.seconds });
  }

  /** The global learning period in effect now (a saved setting applies at once). */
  get learning(): LearningPeriod {
    return this.learningNow;
  }

  /** How long archived models are kept, in effect now. */
  get archive(): ArchivePeriod {
    return this.archiveNow;
  }

  /** Called after the runtime settings changed (the lifecycle re-plans its deletions). */
  onSettingsChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  list(page: number, pageSize: number, state?: ModelStateName, search?: string): Page<ModelSummaryDto> {
    this.engine.tick(); // a model whose learning time is up reads as active even with the sensors off
    const needle = search?.toLowerCase();
    const all = this.repo
      .listModels()
      .filter((m) => !state || m.state === state)
      .filter((m) => !needle || m.image.toLowerCase().includes(needle) || m.id.includes(needle))
      .map((m) => this.summary(m));
    const start = (page - 1) * pageSize;
    return { items: all.slice(start, start + pageSize), total: all.length, page, pageSize };
  }

  get(idOrImage: string): ModelDetailDto {
    this.engine.tick();
    const m = this.find(idOrImage);
    return {
      ...this.summary(m),
      processes: m.processes,
      listening: m.listening,
      outbound: m.outbound,
      dns: m.dns,
      fileDirs: m.fileDirs,
      history: this.repo.history(m.id).map((h) => ({
        time: h.time,
        kind: h.kind,
        detail: h.detail,
        ...(h.container ? { container: h.container } : {}),
      })),
    };
  }

  /** start: manual (additive) learning until stopped; stop: the model becomes active now. */
  relearn(idOrImage: string, action: 'start' | 'stop'): ModelSummaryDto {
    const m = this.find(idOrImage);
    if (action === 'start') this.engine.relearn(m.id, true);
    else {
      if (m.state !== 'learning')
        throw new ApiError(
          'bad_request',
          `model for ${m.image} is ${m.state}, not learning; nothing to stop`,
        );
      this.engine.stopLearning(m.id);
    }
    return this.summary(this.find(m.id));
  }

  audits(q: {
    page: number;
    pageSize: number;
    kind?: AuditKindName;
    image?: string;
    search?: string;
  }): Page<AuditDto> {
    const r = this.repo.listAudits(q);
    return { items: r.items.map(toAuditDto), total: r.total, page: q.page, pageSize: q.pageSize };
  }

  /** This model's own learning period, or (null) back to the global one. */
  setLearning(idOrImage: string, seconds: number | null): ModelSummaryDto {
    const m = this.find(idOrImage);
    this.engine.setLearningSeconds(m.id, seconds ?? undefined);
    return this.summary(this.find(m.id));
  }

  /** Reads the runtime settings, storing new global values when given; they apply at once. */
  settings(change: { learningSeconds?: number; archiveDeleteSeconds?: number } = {}): RuntimeSettingsDto {
    const repo = this.settingsRepo;
    if (!repo) throw new ApiError('unavailable', 'runtime settings are not stored in this console');
    if (change.learningSeconds !== undefined) {
      repo.set(LEARNING_SETTING, change.learningSeconds);
      // The environment variable keeps winning over a stored value while it is set.
      if (this.learningNow.source !== 'MOAT_LEARNING_SECONDS') {
        this.learningNow = { seconds: change.learningSeconds, source: 'setting' };
        this.engine.setDefaultLearningSeconds(change.learningSeconds);
        this.engine.tick();
      }
    }
    if (change.archiveDeleteSeconds !== undefined) {
      repo.set(ARCHIVE_DELETE_SETTING, change.archiveDeleteSeconds);
      if (this.archiveNow.source !== 'MOAT_ARCHIVE_DELETE_SECONDS')
        this.archiveNow = { seconds: change.archiveDeleteSeconds, source: 'setting' };
    }
    if (change.learningSeconds !== undefined || change.archiveDeleteSeconds !== undefined)
      for (const fn of this.listeners) fn();
    const num = (key: string): number | undefined => {
      const v = repo.get<unknown>(key, undefined);
      return typeof v === 'number' ? v : undefined;
    };
    const storedLearning = num(LEARNING_SETTING);
    const storedArchive = num(ARCHIVE_DELETE_SETTING);
    return {
      learningSeconds: this.learningNow.seconds,
      learningSource: this.learningNow.source,
      ...(storedLearning !== undefined ? { storedLearningSeconds: storedLearning } : {}),
      archiveDeleteSeconds: this.archiveNow.seconds,
      archiveDeleteSource: this.archiveNow.source,
      ...(storedArchive !== undefined ? { storedArchiveDeleteSeconds: storedArchive } : {}),
    };
  }

  private find(idOrImage: string): ContainerModel {
    const exact = this.repo.getModel(idOrImage);
    if (exact) return exact;
    const all = this.repo.listModels();
    const byName = all.filter((m) => m.image === idOrImage || m.id === `sha256:${idOrImage}`);
    const hits = byName.length > 0 ? byName : all.filter((m) => m.id.startsWith(`sha256:${idOrImage}`));
    if (hits.length === 1) return hits[0];
    if (hits.length > 1)
      throw new ApiError('bad_request', `"${idOrImage}" matches ${hits.length} models; give the image id`);
    throw new ApiError('not_found', `no container model for image "${idOrImage}"`);
  }

  private summary(m: ContainerModel): ModelSummaryDto {
    const seconds = m.learningSeconds ?? this.learningNow.seconds;
    const endsAt =
      m.state === 'learning' && !m.manual
        ? new Date(Date.parse(m.learningStartedAt) + seconds * 1000).toISOString()
        : undefined;
    const deleteAt =
      m.state === 'archived' && m.archivedAt
        ? new Date(Date.parse(m.archivedAt) + this.archiveNow.seconds * 1000).toISOString()
        : undefined;
    return {
      id: m.id,
      image: m.image,
      state: m.state,
      manual: m.manual,
      learningSeconds: seconds,
      learningStartedAt: m.learningStartedAt,
      ...(endsAt ? { learningEndsAt: endsAt } : {}),
      ...(m.learningSeconds !== undefined ? { ownLearningSeconds: m.learningSeconds } : {}),
      ...(m.archivedAt ? { archivedAt: m.archivedAt } : {}),
      ...(deleteAt ? { deleteAt } : {}),
      counts: {
        processes: m.processes.length,
        listening: m.listening.length,
        outbound: m.outbound.length,
        dns: m.dns.length,
        fileDirs: m.fileDirs.length,
      },
    };
  }
}
