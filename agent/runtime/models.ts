// Container models: one allow-list per image, learned from what its containers do. Types and persistence.
import { MODEL_DEFAULTS } from './model-defaults';

export type ModelState = 'learning' | 'active' | 'archived';

export interface ModelProcess {
  name: string;
  path: string;
  parent?: string;
  user?: string;
}

export interface ModelEndpoint {
  /** An IP address or CIDR. */
  addr: string;
  port: number;
}

export interface ContainerModel {
  /** The image id: one model per image. */
  id: string;
  image: string;
  state: ModelState;
  /** Learning length for this model; undefined: the global default. */
  learningSeconds?: number;
  learningStartedAt: string;
  /** Manual learning runs until stopped, whatever the clock says. */
  manual: boolean;
  processes: ModelProcess[];
  listening: number[];
  outbound: ModelEndpoint[];
  dns: string[];
  /** Directories that containers of this image write into. */
  fileDirs: string[];
  /** When the last container of the image went away (state archived). */
  archivedAt?: string;
  /** The state to return to when a container of the image appears again. */
  priorState?: 'learning' | 'active';
}

export type HistoryKind = 'created' | 'state' | 'learned';

export interface ModelHistoryEntry {
  modelId: string;
  time: string;
  kind: HistoryKind;
  detail: string;
  container?: string;
}

export type AuditKind = 'process' | 'listen' | 'outbound' | 'dns' | 'file-system';

export interface ModelAudit {
  key: string;
  kind: AuditKind;
  what: string;
  container: string;
  image: string;
  process: string;
  rule: string;
  firstTime: string;
  lastTime: string;
  count: number;
}

/** What the console implements with SQLite; the agent keeps no other state about models. */
export interface ModelStore {
  getModel(id: string): ContainerModel | undefined;
  listModels(): ContainerModel[];
  putModel(model: ContainerModel): void;
  /** Removes the model; its history stays, so a model re-created for the same image shows what came before. */
  deleteModel(id: string): void;
  addHistory(entry: ModelHistoryEntry): void;
  history(modelId: string): ModelHistoryEntry[];
  putAudit(audit: ModelAudit): void;
  audits(): ModelAudit[];
}

export class InMemoryModelStore implements ModelStore {
  private models = new Map<string, ContainerModel>();
  private hist: ModelHistoryEntry[] = [];
  private auditMap = new Map<string, ModelAudit>();

  getModel(id: string): ContainerModel | undefined {
    const m = this.models.get(id);
    return m ? structuredClone(m) : undefined;
  }
  listModels(): ContainerModel[] {
    return [...this.models.values()].map((m) => structuredClone(m));
  }
  putModel(model: ContainerModel): void {
    this.models.set(model.id, structuredClone(model));
  }
  deleteModel(id: string): void {
    this.models.delete(id);
  }
  addHistory(entry: ModelHistoryEntry): void {
    this.hist.push({ ...entry });
  }
  history(modelId: string): ModelHistoryEntry[] {
    return this.hist.filter((h) => h.modelId === modelId);
  }
  putAudit(audit: ModelAudit): void {
    // Keyed by first occurrence so a repeat after the window starts a new row.
    this.auditMap.set(`${audit.key}@${audit.firstTime}`, { ...audit });
  }
  audits(): ModelAudit[] {
    return [...this.auditMap.values()];
  }
}

/** Learning length: per-model, else the engine's setting, else MOAT_LEARNING_SECONDS, else one hour. */
export function learningSecondsFrom(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.MOAT_LEARNING_SECONDS;
  if (raw === undefined || raw.trim() === '') return MODEL_DEFAULTS.learningSeconds;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    throw new Error(`MOAT_LEARNING_SECONDS must be a non-negative number of seconds, got "${raw}"`);
  }
  return n;
}
