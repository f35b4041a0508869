// What each list exports: the columns a user sees, in plain values.
import type {
  ContainerComplianceDto,
  DeployedImageDto,
  ModelSummaryDto,
  RadarNode,
  ScanSummaryDto,
} from '../../../electron/contract/index';
import type { Column } from './table-export';

const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
const capital = (s: string): string => s[0].toUpperCase() + s.slice(1);

export const SCAN_COLUMNS: Array<Column<ScanSummaryDto>> = [
  { header: 'Scan', value: (s) => s.id },
  { header: 'Target', value: (s) => s.ref },
  { header: 'Status', value: (s) => s.status },
  { header: 'Verdict', value: (s) => s.verdict },
  { header: 'OS', value: (s) => s.os },
  ...SEVERITIES.map((sev) => ({ header: capital(sev), value: (s: ScanSummaryDto) => s.vulns[sev] })),
  { header: 'Compliance failed', value: (s) => s.complianceFailed },
  { header: 'Packages', value: (s) => s.packages },
  { header: 'Run by', value: (s) => s.sourceUser },
  { header: 'Host', value: (s) => s.sourceHost },
  { header: 'Finished', value: (s) => s.finishedAt },
];

export const IMAGE_COLUMNS: Array<Column<DeployedImageDto>> = [
  { header: 'Image', value: (i) => i.repoTags[0] ?? i.id },
  { header: 'ID', value: (i) => i.id },
  { header: 'Tags', value: (i) => i.repoTags },
  { header: 'Created', value: (i) => i.created },
  { header: 'Size', value: (i) => i.size },
  { header: 'Containers', value: (i) => i.containers },
  { header: 'OS', value: (i) => i.scan?.os },
  ...SEVERITIES.map((sev) => ({ header: capital(sev), value: (i: DeployedImageDto) => i.scan?.vulns[sev] })),
  { header: 'Compliance failed', value: (i) => i.scan?.complianceFailed },
  { header: 'Packages', value: (i) => i.scan?.packages },
  { header: 'Scanned', value: (i) => i.scan?.finishedAt },
];

export const MODEL_COLUMNS: Array<Column<ModelSummaryDto>> = [
  { header: 'Image', value: (m) => m.image },
  { header: 'Model', value: (m) => m.id },
  { header: 'State', value: (m) => m.state },
  { header: 'Manual learning', value: (m) => m.manual },
  { header: 'Learning since', value: (m) => m.learningStartedAt },
  { header: 'Learning ends', value: (m) => m.learningEndsAt },
  { header: 'Processes', value: (m) => m.counts.processes },
  { header: 'Listening', value: (m) => m.counts.listening },
  { header: 'Outbound', value: (m) => m.counts.outbound },
  { header: 'DNS', value: (m) => m.counts.dns },
  { header: 'File dirs', value: (m) => m.counts.fileDirs },
];

/** One row per container and check. */
export interface ContainerCheckRow {
  container: string;
  image: string;
  checkId: number;
  title: string;
  severity: string;
  status: string;
}

export function containerCheckRows(list: readonly ContainerComplianceDto[]): ContainerCheckRow[] {
  return list.flatMap((c) =>
    c.results.map((r) => ({
      container: c.name,
      image: c.image,
      checkId: r.checkId,
      title: r.title,
      severity: r.severity,
      status: r.status,
    })),
  );
}

export const CONTAINER_CHECK_COLUMNS: Array<Column<ContainerCheckRow>> = [
  { header: 'Container', value: (r) => r.container },
  { header: 'Image', value: (r) => r.image },
  { header: 'Check', value: (r) => r.checkId },
  { header: 'Title', value: (r) => r.title },
  { header: 'Severity', value: (r) => r.severity },
  { header: 'Status', value: (r) => r.status },
];

export const RADAR_COLUMNS: Array<Column<RadarNode>> = [
  { header: 'Node', value: (n) => n.label },
  { header: 'Kind', value: (n) => n.kind },
  { header: 'Containers', value: (n) => n.containers },
  { header: 'Networks', value: (n) => n.networks },
  ...SEVERITIES.map((sev) => ({ header: capital(sev), value: (n: RadarNode) => n.vulns?.[sev] })),
  { header: 'Compliance failed', value: (n) => n.vulns?.complianceFailed },
  { header: 'Model', value: (n) => n.modelState },
  { header: 'Listening', value: (n) => n.listening },
  { header: 'Audits', value: (n) => n.audits },
];
