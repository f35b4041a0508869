// Runtime defense shapes that cross the API boundary: sensor status, container models, container audits. Types only.

export interface SensorHealthDto {
  backend: string;
  running: boolean;
  restarts: number;
  lost: number;
  reason?: string;
}

export interface EnableStepDto {
  label: string;
  command: string;
}

export interface AgentLinkDto {
  socket: string;
  connected: boolean;
  /** "moat <version>" of the agent, once it said hello. */
  agent?: string;
  pid?: number;
  reconnects: number;
  /** Events the agent no longer held when the console asked for them after a reconnect. */
  missed: number;
  /** Why the console is not connected (or the last connection dropped). */
  error?: string;
}

export interface RuntimeStatusDto {
  /**
   * 'embedded': the console runs the sensors itself (it is root); 'agent': a root `moat agent --local` runs them
   * and the console reads their events from its socket; 'off': no runtime defense.
   */
  mode: 'embedded' | 'agent' | 'off';
  /** starting: sensors are being brought up; failed: none could start; waiting: for the local agent. */
  phase: 'off' | 'waiting' | 'starting' | 'running' | 'failed';
  /** The process sensor in use: ebpf or procfs. */
  backend?: string;
  running: boolean;
  restarts: number;
  lost: number;
  /** Why this backend (the eBPF error when /proc is the fallback), or why runtime defense is off. */
  reason: string;
  /** When off: the exact command that turns it on. */
  enableCommand?: string;
  /** When off: what else is (not yet) possible. */
  note?: string;
  /** When off or waiting for the local agent: each way to turn runtime defense on, with its exact command. */
  howToEnable?: EnableStepDto[];
  /** mode 'agent': the link to the local agent. */
  agent?: AgentLinkDto;
  sensors: SensorHealthDto[];
  /** Events dropped because enrichment fell behind. */
  dropped: number;
  errors: number;
  lastError?: string;
  learningSeconds: number;
  learningSource: 'MOAT_LEARNING_SECONDS' | 'setting' | 'default';
  since: string;
}

export type ModelStateName = 'learning' | 'active' | 'archived';

export interface ModelSummaryDto {
  id: string;
  image: string;
  state: ModelStateName;
  manual: boolean;
  learningSeconds: number;
  learningStartedAt: string;
  /** When automatic learning ends; absent for manual learning and for models not learning. */
  learningEndsAt?: string;
  /** This model's own learning period, when it has one (learningSeconds then equals it). */
  ownLearningSeconds?: number;
  /** archived: since when no container uses the image, and when the model will be deleted. */
  archivedAt?: string;
  deleteAt?: string;
  counts: { processes: number; listening: number; outbound: number; dns: number; fileDirs: number };
}

export interface ModelHistoryDto {
  time: string;
  kind: 'created' | 'state' | 'learned';
  detail: string;
  container?: string;
}

export interface ModelDetailDto extends ModelSummaryDto {
  processes: Array<{ name: string; path: string; parent?: string; user?: string }>;
  listening: number[];
  outbound: Array<{ addr: string; port: number }>;
  dns: string[];
  fileDirs: string[];
  history: ModelHistoryDto[];
}

export type AuditKindName = 'process' | 'listen' | 'outbound' | 'dns' | 'file-system';

export interface AuditDto {
  id: number;
  kind: AuditKindName;
  what: string;
  container: string;
  image: string;
  process: string;
  rule: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
}

export interface RuntimeSettingsDto {
  /** The learning period in effect for models without their own. */
  learningSeconds: number;
  learningSource: RuntimeStatusDto['learningSource'];
  /** The stored setting, if any (MOAT_LEARNING_SECONDS overrides it). It applies at once to learning models. */
  storedLearningSeconds?: number;
  /** How long an archived model is kept before it is deleted. */
  archiveDeleteSeconds: number;
  archiveDeleteSource: 'MOAT_ARCHIVE_DELETE_SECONDS' | 'setting' | 'default';
  storedArchiveDeleteSeconds?: number;
}
