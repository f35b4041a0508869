// Learns container models from enriched events and, once a model is active, turns departures into audits.
import type { EnrichedEvent } from './events';
import { MODEL_DEFAULTS } from './model-defaults';
import { dirOf, dnsKnown, fileKnown, ignoredWrite, outboundKnown, processKnown } from './model-match';
import {
  learningSecondsFrom,
  type AuditKind,
  type ContainerModel,
  type ModelAudit,
  type ModelState,
  type ModelStore,
} from './models';

export interface ImageSeed {
  imageId: string;
  imageName: string;
  entrypoint?: string[];
  cmd?: string[];
  /** "8080/tcp" style keys of the image config. */
  exposedPorts?: string[];
}

export interface ModelEngineOptions {
  learningSeconds?: number;
  auditWindowMs?: number;
  now?: () => number;
  onAudit?: (audit: ModelAudit) => void;
}

/** What one event would add to a model, as an audit kind, a label and the mutation that learns it. */
interface Observation {
  kind: AuditKind;
  what: string;
  rule: string;
  known: (m: ContainerModel) => boolean;
  learn: (m: ContainerModel) => void;
}

const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

function clearArchive(m: ContainerModel): void {
  delete m.archivedAt;
  delete m.priorState;
}

export class ModelEngine {
  private defaultSeconds: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly open = new Map<string, ModelAudit>();

  constructor(
    private readonly store: ModelStore,
    private readonly opts: ModelEngineOptions = {},
  ) {
    this.defaultSeconds = opts.learningSeconds ?? learningSecondsFrom();
    this.windowMs = opts.auditWindowMs ?? MODEL_DEFAULTS.auditWindowSeconds * 1000;
    this.now = opts.now ?? Date.now;
  }

  /** Creates the image's model (learning, seeded from its config) unless one exists. */
  ensureModel(seed: ImageSeed, container?: string): ContainerModel {
    const existing = this.store.getModel(seed.imageId);
    if (existing) return existing;
    const cmd = [...(seed.entrypoint ?? []), ...(seed.cmd ?? [])];
    const model: ContainerModel = {
      id: seed.imageId,
      image: seed.imageName,
      state: 'learning',
      learningStartedAt: this.iso(),
      manual: false,
      processes: cmd[0] ? [{ name: base(cmd[0]), path: cmd[0] }] : [],
      listening: (seed.exposedPorts ?? [])
        .map((p) => Number(p.split('/')[0]))
        .filter((n) => Number.isInteger(n) && n > 0),
      outbound: [],
      dns: [],
      fileDirs: [],
    };
    this.store.putModel(model);
    this.store.addHistory({
      modelId: model.id,
      time: model.learningStartedAt,
      kind: 'created',
      detail: `model for ${seed.imageName} created, learning`,
      container,
    });
    return model;
  }

  /** Moves models whose learning time is up to active; call it periodically and before judging. */
  tick(): void {
    for (const m of this.store.listModels()) this.refresh(m);
  }

  /** The global learning period; learning models without their own period follow it from now on. */
  setDefaultLearningSeconds(seconds: number): void {
    this.defaultSeconds = seconds;
  }

  get defaultLearningSeconds(): number {
    return this.defaultSeconds;
  }

  /** This model's own learning period; undefined: follow the global one. */
  setLearningSeconds(imageId: string, seconds: number | undefined): ContainerModel {
    const m = this.mustGet(imageId);
    if (seconds === undefined) delete m.learningSeconds;
    else m.learningSeconds = seconds;
    this.store.putModel(m);
    this.history(
      m,
      'state',
      seconds === undefined
        ? `learning period reset to the global setting (${this.defaultSeconds} s)`
        : `learning period set to ${seconds} s`,
    );
    return this.refresh(m);
  }

  /** Additive relearning: existing entries stay. `manual` learning runs until stopLearning. */
  relearn(imageId: string, manual = false): void {
    const m = this.mustGet(imageId);
    clearArchive(m);
    m.state = 'learning';
    m.manual = manual;
    m.learningStartedAt = this.iso();
    this.store.putModel(m);
    this.history(m, 'state', manual ? 'manual learning started' : 'relearning started');
  }

  stopLearning(imageId: string): void {
    this.setState(this.mustGet(imageId), 'active', 'learning stopped by user');
  }

  /** No container uses the image any more: keep the model, remember its state, judge nothing. */
  archive(imageId: string, why: string): void {
    const m = this.mustGet(imageId);
    if (m.state === 'archived') return;
    m.priorState = m.state;
    m.archivedAt = this.iso();
    m.state = 'archived';
    this.store.putModel(m);
    this.history(m, 'state', `archived: ${why}`);
  }

  /** A container of the image appeared again: back to the state it had, learning time paused meanwhile. */
  restore(imageId: string, why: string, container?: string): void {
    const m = this.mustGet(imageId);
    if (m.state !== 'archived') return;
    const prior = m.priorState ?? 'active';
    if (prior === 'learning' && m.archivedAt) {
      const away = this.now() - Date.parse(m.archivedAt);
      m.learningStartedAt = new Date(Date.parse(m.learningStartedAt) + away).toISOString();
    }
    clearArchive(m);
    m.state = prior;
    this.store.putModel(m);
    this.history(m, 'state', `${prior}: ${why}`, container);
  }

  /** Removes an archived model; the history entry stays with the image id. */
  deleteArchived(imageId: string, why: string): void {
    const m = this.mustGet(imageId);
    if (m.state !== 'archived') throw new Error(`model for ${m.image} is ${m.state}, not archived`);
    this.history(m, 'state', `deleted: ${why}`);
    this.store.deleteModel(m.id);
  }

  /** Learns from or judges one event. Returns the audit it raised or counted, if any. */
  observe(e: EnrichedEvent): ModelAudit | undefined {
    if (!e.containerId || !e.imageId) return undefined;
    const stored = this.store.getModel(e.imageId);
    if (!stored) return undefined;
    const m = this.refresh(stored);
    if (m.state === 'archived') return undefined;
    const obs = observationOf(e);
    if (!obs || obs.known(m)) return undefined;
    if (m.state === 'learning') {
      obs.learn(m);
      this.store.putModel(m);
      this.history(m, 'learned', `${obs.kind}: ${obs.what}`, e.containerId);
      return undefined;
    }
    return this.audit(m, e, obs);
  }

  audits(): ModelAudit[] {
    return this.store.audits();
  }

  private audit(m: ContainerModel, e: EnrichedEvent, obs: Observation): ModelAudit {
    const key = `${m.id}|${e.containerId}|${obs.kind}|${obs.what}`;
    const now = this.now();
    const prev = this.open.get(key);
    if (prev && now - Date.parse(prev.firstTime) < this.windowMs) {
      prev.count++;
      prev.lastTime = new Date(now).toISOString();
      this.store.putAudit(prev);
      return prev;
    }
    const audit: ModelAudit = {
      key,
      kind: obs.kind,
      what: obs.what,
      container: e.containerId ?? '',
      image: m.image,
      process: e.name || base(e.exe),
      rule: obs.rule,
      firstTime: new Date(now).toISOString(),
      lastTime: new Date(now).toISOString(),
      count: 1,
    };
    if (this.open.size > 10_000) this.open.clear(); // bounded: an old window can only make a new row
    this.open.set(key, audit);
    this.store.putAudit(audit);
    this.opts.onAudit?.(audit);
    return audit;
  }

  private refresh(m: ContainerModel): ContainerModel {
    if (m.state !== 'learning' || m.manual) return m;
    const seconds = m.learningSeconds ?? this.defaultSeconds;
    if (this.now() - Date.parse(m.learningStartedAt) >= seconds * 1000) {
      this.setState(m, 'active', `learning finished after ${seconds} s`);
    }
    return m;
  }

  private setState(m: ContainerModel, state: ModelState, why: string): void {
    clearArchive(m);
    m.state = state;
    m.manual = false;
    this.store.putModel(m);
    this.history(m, 'state', `${state}: ${why}`);
  }

  private history(m: ContainerModel, kind: 'state' | 'learned', detail: string, container?: string): void {
    this.store.addHistory({
      modelId: m.id,
      time: this.iso(),
      kind,
      detail,
      ...(container ? { container } : {}),
    });
  }

  private mustGet(imageId: string): ContainerModel {
    const m = this.store.getModel(imageId);
    if (!m) throw new Error(`no container model for image ${imageId}`);
    return m;
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }
}

/** The model facet an event touches; undefined for events models do not cover. */
export function observationOf(e: EnrichedEvent): Observation | undefined {
  switch (e.kind) {
    case 'exec': {
      const p = {
        name: e.name || base(e.exe),
        path: e.exe,
        ...(e.parentName ? { parent: e.parentName } : {}),
        ...(e.user ? { user: e.user } : {}),
      };
      return {
        kind: 'process',
        what: p.name,
        rule: 'process not in model',
        known: (m) => processKnown(m, p),
        learn: (m) => m.processes.push(p),
      };
    }
    case 'container': {
      // `docker exec` tells us the command even when the process is too short-lived for /proc polling.
      if (e.action !== 'exec_start' || !e.argv[0]) return undefined;
      const name = base(e.argv[0]);
      const p = { name, path: e.argv[0] };
      return {
        kind: 'process',
        what: name,
        rule: 'process not in model',
        known: (m) => processKnown(m, p),
        learn: (m) => m.processes.push(p),
      };
    }
    case 'listen': {
      if (e.port === undefined || e.port === 0) return undefined;
      const port = e.port;
      return {
        kind: 'listen',
        what: `port ${port}`,
        rule: 'listening port not in model',
        known: (m) => m.listening.includes(port),
        learn: (m) => m.listening.push(port),
      };
    }
    case 'connect': {
      if (!e.addr || e.port === undefined || e.port === 0) return undefined;
      const ep = { addr: e.addr, port: e.port };
      return {
        kind: 'outbound',
        what: `${e.addr}:${e.port}`,
        rule: 'outbound connection not in model',
        known: (m) => outboundKnown(m, ep),
        learn: (m) => m.outbound.push(ep),
      };
    }
    case 'dns': {
      if (!e.query) return undefined;
      const q = e.query.toLowerCase();
      return {
        kind: 'dns',
        what: q,
        rule: 'DNS query not in model',
        known: (m) => dnsKnown(m, q),
        learn: (m) => m.dns.push(q),
      };
    }
    case 'file-write': {
      if (!e.path || ignoredWrite(e.path)) return undefined;
      const path = e.path;
      return {
        kind: 'file-system',
        what: path,
        rule: "write outside the model's directories",
        known: (m) => fileKnown(m, path),
        learn: (m) => m.fileDirs.push(dirOf(path)),
      };
    }
    default:
      return undefined;
  }
}
