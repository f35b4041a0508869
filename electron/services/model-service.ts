// Container models and audits as the API shows them; the engine that learns them is shared with the sensors.
import { MODEL_DEFAULTS } from '../../agent/runtime/model-defaults';
import { ModelEngine } from '../../agent/runtime/model-engine';
import { learningSecondsFrom, type ContainerModel } from '../../agent/runtime/models';
import { ApiError } from '../api/errors';
import type {
  AuditDto,
  AuditKindName,
  ModelDetailDto,
  ModelStateName,
  ModelSummaryDto,
  Page,
  RuntimeSettingsDto,
  RuntimeStatusDto,
} from '../contract/index';
import type { ModelsRepo, StoredAudit } from '../db/repos/models-repo';
import type { SettingsRepo } from '../db/repos/settings-repo';

export const LEARNING_SETTING = 'runtime.learningSeconds';

export interface LearningPeriod {
  seconds: number;
  source: RuntimeStatusDto['learningSource'];
}

/** MOAT_LEARNING_SECONDS (scripted demos, tests) beats the stored setting, which beats the shipped default. */
export function learningPeriod(settings: SettingsRepo, env: NodeJS.ProcessEnv = process.env): LearningPeriod {
  if (env.MOAT_LEARNING_SECONDS !== undefined && env.MOAT_LEARNING_SECONDS.trim() !== '') {
    return { seconds: learningSecondsFrom(env), source: 'MOAT_LEARNING_SECONDS' };
  }
  const stored = settings.get<unknown>(LEARNING_SETTING, undefined);
  if (typeof stored === 'number' && Number.isFinite(stored) && stored >= 0) {
    return { seconds: stored, source: 'setting' };
  }
  return { seconds: MODEL_DEFAULTS.learningSeconds, source: 'default' };
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

  constructor(
    private readonly repo: ModelsRepo,
    readonly learning: LearningPeriod,
    private readonly settingsRepo?: SettingsRepo,
  ) {
    this.engine = new ModelEngine(repo, { learningSeconds: learning.seconds });
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

  /** Reads the runtime settings, storing a new global learning period when given. */
  settings(learningSeconds?: number): RuntimeSettingsDto {
    if (!this.settingsRepo)
      throw new ApiError('unavailable', 'runtime settings are not stored in this console');
    if (learningSeconds !== undefined) this.settingsRepo.set(LEARNING_SETTING, learningSeconds);
    const stored = this.settingsRepo.get<unknown>(LEARNING_SETTING, undefined);
    const storedSeconds = typeof stored === 'number' ? stored : undefined;
    return {
      learningSeconds: this.learning.seconds,
      learningSource: this.learning.source,
      ...(storedSeconds !== undefined ? { storedLearningSeconds: storedSeconds } : {}),
      // The engine reads its default once; the environment variable wins over any stored value.
      pendingRestart:
        storedSeconds !== undefined &&
        this.learning.source !== 'MOAT_LEARNING_SECONDS' &&
        storedSeconds !== this.learning.seconds,
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
    const seconds = m.learningSeconds ?? this.learning.seconds;
    const endsAt =
      m.state === 'learning' && !m.manual
        ? new Date(Date.parse(m.learningStartedAt) + seconds * 1000).toISOString()
        : undefined;
    return {
      id: m.id,
      image: m.image,
      state: m.state,
      manual: m.manual,
      learningSeconds: seconds,
      learningStartedAt: m.learningStartedAt,
      ...(endsAt ? { learningEndsAt: endsAt } : {}),
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
