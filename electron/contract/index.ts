// The one API contract: channel -> params/result, and event topics. Types only (CONVENTIONS.md).
import type { z } from 'zod';
import type { ParamSchemas } from '../api/schemas';
import type {
  BaseImageDto,
  SystemInfoDto,
  ContainerSummaryDto,
  DashboardDto,
  ComplianceRowDto,
  CustomVulnDto,
  ComplianceCatalogDto,
  ContainerComplianceDto,
  HostComplianceDto,
  DeployedImageDto,
  MalwareListDto,
  ClamscanSettingDto,
  FeedImportResultDto,
  FixDto,
  FeedDto,
  FeedUpdateDto,
  DockerEventDto,
  DockerStateDto,
  Page,
  PackageRowDto,
  ScanDetailDto,
  ScanFinishedDto,
  ScanProgressDto,
  ScanSummaryDto,
  VersionDto,
  VulnRowDto,
} from './dto';

import type { CiPolicy, CiRules } from '../../agent/policy/ci-policy';
import type { CollectionResults } from './collections-dto';
import type { RadarDto } from './radar-dto';
import type {
  AuditDto,
  ModelDetailDto,
  ModelSummaryDto,
  RuntimeSettingsDto,
  RuntimeStatusDto,
} from './runtime-dto';

export type * from './dto';
export type * from './runtime-dto';
export type * from './collections-dto';
export type * from './radar-dto';
export type { CiPolicy, CiRules };
/** One kind's ordered vulnerability rules (CI, deployed images or hosts). */
export type VulnRuleList = CiRules['vulnerabilityRules'];
export type RuleKind = 'ci' | 'deployed' | 'host';
/** One kind's ordered compliance rules (CI, deployed images and containers, or hosts). */
export type ComplianceRuleList = CiRules['complianceRules'];

interface Results extends CollectionResults {
  'vulnRules:list': VulnRuleList;
  'vulnRules:set': VulnRuleList;
  'complianceRules:list': ComplianceRuleList;
  'complianceRules:set': ComplianceRuleList;
  'baseImages:list': BaseImageDto[];
  'baseImages:add': BaseImageDto;
  'baseImages:remove': BaseImageDto[];
  'system:info': SystemInfoDto;
  /** Writes a consistent backup of console.db under the data directory's backups/ folder. */
  'system:backup': { path: string; bytes: number };
  'system:version': VersionDto;
  'dashboard:get': DashboardDto;
  'images:list': Page<DeployedImageDto>;
  'containers:list': Page<ContainerSummaryDto>;
  'events:recent': DockerEventDto[];
  'scans:list': Page<ScanSummaryDto>;
  'scans:get': ScanDetailDto;
  'scans:vulns': Page<VulnRowDto>;
  'scans:packages': Page<PackageRowDto>;
  'images:scan': { scanId: number };
  'hosts:scan': { scanId: number };
  'scans:compliance': ComplianceRowDto[];
  'scans:fixes': FixDto[];
  'ci:policy': CiPolicy;
  'ci:rules': CiRules;
  /** Reads the CI settings, changing those given. */
  'ci:settings': { keepResults: boolean };
  'ci:setRules': CiRules;
  'ci:publish': { stored: boolean; scanId?: number };
  'customVulns:list': CustomVulnDto[];
  'customVulns:save': CustomVulnDto[];
  'feeds:upload': FeedImportResultDto;
  'feeds:importPath': FeedImportResultDto;
  'malware:list': MalwareListDto[];
  'malware:upload': MalwareListDto;
  'malware:delete': MalwareListDto[];
  'malware:clamscan': ClamscanSettingDto;
  'compliance:containers': ContainerComplianceDto[];
  'compliance:container': ComplianceRowDto[];
  'compliance:host': HostComplianceDto;
  'compliance:catalog': ComplianceCatalogDto;
  'feeds:list': { feeds: FeedDto[]; error?: string; lastUpdate?: FeedUpdateDto };
  'feeds:update': FeedUpdateDto;
  'runtime:status': RuntimeStatusDto;
  /** Reads the runtime settings, storing those given. */
  'runtime:settings': RuntimeSettingsDto;
  'models:list': Page<ModelSummaryDto>;
  'models:get': ModelDetailDto;
  'models:relearn': ModelSummaryDto;
  /** A model's own learning period in seconds; null: follow the global setting. */
  'models:setLearning': ModelSummaryDto;
  'audits:list': Page<AuditDto>;
  'radar:get': RadarDto;
}

export type Channel = keyof ParamSchemas & keyof Results;

export type InvokeMap = {
  [C in Channel]: { params: z.input<ParamSchemas[C]>; parsed: z.output<ParamSchemas[C]>; result: Results[C] };
};

/** Topics pushed from the console to every client. */
export interface EventMap {
  'dashboard:changed': DashboardDto;
  'docker:state': DockerStateDto;
  'docker:event': DockerEventDto;
  'scan:progress': ScanProgressDto;
  'scan:finished': ScanFinishedDto;
  'feeds:changed': { rematched: number };
  /** Audits written by one flush: new ones and re-counted ones (same id, higher count). */
  'audit:new': AuditDto[];
}

export type Topic = keyof EventMap;

/** What window.moat (Electron) and the web client both provide. */
export interface ConsoleApi {
  invoke<C extends Channel>(channel: C, params: InvokeMap[C]['params']): Promise<InvokeMap[C]['result']>;
  on<T extends Topic>(topic: T, listener: (payload: EventMap[T]) => void): () => void;
}

/** Errors crossing the boundary keep a machine-readable code. */
export interface ApiErrorBody {
  error: {
    code: 'bad_request' | 'not_found' | 'unauthorized' | 'forbidden' | 'unavailable' | 'internal';
    message: string;
  };
}
