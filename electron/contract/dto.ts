// Data shapes that cross the API boundary. Types only: the renderer imports these.
import type { TagAssignmentDto } from './collections-dto';

export type DockerConnection = 'connecting' | 'connected' | 'unreachable';

export interface DockerStateDto {
  connection: DockerConnection;
  /** Where the bridge talks to: unix socket path or DOCKER_HOST URL. */
  endpoint: string;
  version?: string;
  apiVersion?: string;
  /** Plain-language reason when unreachable. */
  error?: string;
  since: string;
}

export interface HostInfoDto {
  hostname: string;
  os: string;
  kernel: string;
  arch: string;
}

export interface DashboardDto {
  host: HostInfoDto;
  docker: DockerStateDto;
  counts: {
    images: number;
    containersRunning: number;
    containersStopped: number;
  };
  moatVersion: string;
  updatedAt: string;
}

export interface ImageSummaryDto {
  id: string;
  repoTags: string[];
  created: string;
  size: number;
  containers: number;
}

export interface ContainerSummaryDto {
  id: string;
  name: string;
  image: string;
  imageId: string;
  state: string;
  status: string;
  created: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface DockerEventDto {
  time: string;
  type: string;
  action: string;
  actorId: string;
  actorName?: string;
}

export interface VersionDto {
  moat: string;
  node: string;
  electron?: string;
  schemaVersion: number;
  dataDir: string;
}

export interface SystemInfoDto extends VersionDto {
  startedAt: string;
  uptimeSeconds: number;
  consoleDb: { path: string; bytes: number };
  intelDb: {
    path: string;
    bytes: number;
    feeds: number;
    records: number;
    newestImport?: string;
    oldestAgeDays?: number;
    error?: string;
  };
  /** Settings that exist and their current values (changed on their own screens or channels). */
  settings: Array<{ key: string; label: string; value: string | number | boolean }>;
}

export type SeverityName = 'critical' | 'high' | 'medium' | 'low' | 'negligible' | 'unknown';

export interface ScanSummaryDto {
  id: number;
  kind: 'deployed' | 'ci' | 'host';
  ref: string;
  imageId?: string;
  status: 'running' | 'done' | 'failed';
  error?: string;
  startedAt: string;
  finishedAt?: string;
  os?: string;
  packages: number;
  vulns: Record<SeverityName, number>;
  /** Compliance checks that failed or could not run. */
  complianceFailed: number;
  /** Feeds the findings came from, with their import time (a finding is as fresh as its feed). */
  feeds: Array<{ name: string; importedAt: string }>;
  sourceHost?: string;
  sourceUser?: string;
  verdict?: string;
  /** The declared base image this image is derived from; its findings are left out of `vulns`. */
  baseImage?: string;
  /** Findings inherited from the base image (not counted in `vulns`). */
  inherited?: number;
  /** Deployed images and hosts: the verdict of the first vulnerability rule of their kind in scope. */
  vulnVerdict?: VulnVerdictDto;
}

export interface VulnVerdictDto {
  rule: string;
  pass: boolean;
  failing: number;
  alerting: number;
}

export interface BaseImageDto {
  id: number;
  ref: string;
  imageId?: string;
  /** How many layers (diffIDs) the base has. */
  layers: number;
  addedAt: string;
}

export interface LayerDto {
  index: number;
  diffId: string;
  createdBy: string;
  size: number;
  packagesAdded: number;
}

export interface ScanDetailDto extends ScanSummaryDto {
  layers: LayerDto[];
  warnings: string[];
  image?: {
    user: string;
    entrypoint: string[];
    cmd: string[];
    exposedPorts: string[];
    labels: Record<string, string>;
    /** NAME=value entries; values that look like secrets are masked here, never sent in full. */
    env: Array<{ name: string; value: string; masked: boolean }>;
  };
}

export interface VulnRowDto {
  id: string;
  aliases: string[];
  severity: SeverityName;
  cvssScore?: number;
  cvssVector?: string;
  packageName: string;
  packageVersion: string;
  ecosystem: string;
  fixedIn?: string;
  status: string;
  published?: string;
  description?: string;
  layerIndex?: number;
  layerCreatedBy?: string;
  feed: string;
  feedImportedAt?: string;
  severitySource?: string;
  /** Tags put on this finding (Manage › Collections and tags), with who/when and comment. */
  tags?: TagAssignmentDto[];
  links: string[];
  /** Set when the package came from a layer of this base image (shown only when inherited ones are asked for). */
  inheritedFrom?: string;
}

export interface ScanProgressDto {
  scanId: number;
  ref: string;
  layer: number;
  of: number;
  phase: string;
}

export interface ScanFinishedDto {
  scanId: number;
  ref: string;
  status: 'done' | 'failed';
  error?: string;
}

export interface PackageRowDto {
  name: string;
  version: string;
  ecosystem: string;
  purl: string;
  sourceName?: string;
  licenses: string[];
  foundIn: string;
  layerIndex?: number;
  layerCreatedBy?: string;
  vulns: number;
}

export interface FeedDto {
  name: string;
  source: string;
  importedAt: string;
  ageDays: number;
  recordCount: number;
  invalidCount: number;
  newestModified?: string;
}

export interface ComplianceRowDto {
  checkId: number;
  kind?: 'image' | 'container' | 'host' | 'daemon';
  title: string;
  severity: 'critical' | 'high' | 'medium' | 'low';
  status: 'pass' | 'fail' | 'not_applicable' | 'error';
  evidence: string[];
  reason?: string;
  custom?: boolean;
  /** Set when a compliance rule judged the row: the rule's effect for this check and what it made of the result. */
  effect?: 'ignore' | 'alert' | 'fail';
  outcome?: 'fail' | 'alert' | 'ok';
}

/** This host's compliance, judged by the first hosts compliance rule whose scope holds it (none: unjudged). */
export interface HostComplianceDto {
  host: string;
  rule?: string;
  /** The rule's verdict; absent without a rule. */
  pass?: boolean;
  results: ComplianceRowDto[];
}

export interface CustomVulnDto {
  id: string;
  /** npm, pypi, golang, maven, gem, cargo, composer, nuget, generic, or a distro release like "Alpine:v3.18" / "Debian:12". */
  ecosystem: string;
  package: string;
  /** Affected versions, e.g. ">=1.0.0 <1.2.3 || =2.0.0". */
  range: string;
  severity: 'critical' | 'high' | 'medium' | 'low' | 'negligible' | 'unknown';
  description?: string;
  fixedIn?: string;
}

export interface FeedImportResultDto {
  feeds: Array<{ name: string; records: number; invalid: number; problems: string[] }>;
  skipped: string[];
}

/** A feed update from a mirror, as the feeds page shows it. */
export interface FeedUpdateDto {
  mirror: string;
  at: string;
  ok: boolean;
  /** Feed files the mirror does not have. */
  missing: string[];
  result?: FeedImportResultDto;
  error?: string;
}

export interface MalwareListDto {
  name: string;
  signatures: number;
  /** Set when a stored list no longer parses. */
  error?: string;
}

/** Whether deployed-image scans also run ClamAV's clamscan, and whether this machine can. */
export interface ClamscanSettingDto {
  enabled: boolean;
  /** clamscan's version line; null when it is not installed or does not run. */
  version: string | null;
  /** What clamscan is given: the ClamAV .hdb/.hsb lists (and the system database directory); empty = its default. */
  databases: string[];
}

export interface ContainerComplianceDto {
  id: string;
  name: string;
  image: string;
  /** The deployed compliance rule that judged the results, if one holds the container's image. */
  rule?: string;
  results: ComplianceRowDto[];
}

export interface ComplianceCatalogDto {
  templates: Array<{
    id: string;
    name: string;
    checks: number[];
    notCheckable: Array<{ control: string; title: string; reason: string }>;
  }>;
  checks: Array<{ id: number; title: string; kind: string; severity: string }>;
}

export interface FixDto {
  package: string;
  version: string;
  ecosystem: string;
  upgradeTo?: string;
  clears: string[];
  unfixed: string[];
  layerIndex?: number;
  installedBy?: string;
  /** The suggestion in one sentence. */
  text: string;
}

export interface DeployedImageDto extends ImageSummaryDto {
  /** The newest scan of this image, if any. */
  scan?: ScanSummaryDto;
}
