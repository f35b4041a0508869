import type { Severity } from '../../../../agent/model/finding';
import type { ScanReport } from '../report';

export const VULN_COLUMNS: Severity[] = ['critical', 'high', 'medium', 'low'];

export function vulnCounts(r: ScanReport): Record<string, number> {
  const c: Record<string, number> = { critical: 0, high: 0, medium: 0, low: 0, negligible: 0, unknown: 0 };
  for (const f of r.findings) c[f.severity]++;
  return c;
}

/** Failed compliance checks by severity (an error counts: it is never a pass). */
export function complianceCounts(r: ScanReport): Record<string, number> {
  const c: Record<string, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const x of r.compliance) if (x.status === 'fail' || x.status === 'error') c[x.severity]++;
  return c;
}
