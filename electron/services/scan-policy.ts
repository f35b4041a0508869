// What the read side of scans needs of the console's policy: declared base images and the vulnerability rules per kind.
import { isInherited, type BaseImageRef } from '../../agent/policy/base-image';
import { judgeVulns, type VulnRule } from '../../agent/policy/vuln-rule';
import type { ComplianceRule } from '../../agent/policy/compliance-rule';
import type { VulnVerdictDto } from '../contract/index';
import type { ScanKind, ScanRow, ScansRepo } from '../db/repos/scans-repo';
import type { InventoryLayer } from '../../agent/scan/scan-image';
import type { ScopeSubject } from '../../agent/policy/scope';
import { subjectOfScan } from './scan-subject';

export interface ScanPolicy {
  baseFor(diffIds: readonly string[]): BaseImageRef | undefined;
  vulnRule(kind: ScanKind, subject: ScopeSubject | string): VulnRule | undefined;
  /** The compliance rule of deployed images or hosts that holds a subject (first match), if any. */
  complianceRule?(kind: 'deployed' | 'host', subject: ScopeSubject): ComplianceRule | undefined;
}

export const NO_POLICY: ScanPolicy = { baseFor: () => undefined, vulnRule: () => undefined };

/** The base image a scanned image is derived from (hosts have none). */
export function baseOfScan(policy: ScanPolicy, row: ScanRow): BaseImageRef | undefined {
  if (row.kind === 'host') return undefined;
  const layers = JSON.parse(row.layers_json) as InventoryLayer[];
  if (layers.length === 0) return undefined;
  return policy.baseFor(
    layers
      .slice()
      .sort((a, b) => a.index - b.index)
      .map((l) => l.diffId),
  );
}

/**
 * Deployed images and hosts are judged on read by the first rule of their own list, so a changed rule shows at once;
 * findings inherited from a base image are not the derived image's and are not judged (as they are not counted).
 * CI scans keep the verdict the CLI published.
 */
export function vulnVerdictOf(
  policy: ScanPolicy,
  repo: ScansRepo,
  row: ScanRow,
  base: BaseImageRef | undefined,
): VulnVerdictDto | undefined {
  if (row.kind === 'ci' || row.status !== 'done') return undefined;
  const rule = policy.vulnRule(row.kind, subjectOfScan(row));
  if (!rule) return undefined;
  const own = repo.findings(row.id).filter((f) => !isInherited(f.package?.layer?.index, base));
  const v = judgeVulns(own, rule);
  return { rule: rule.name, pass: v.pass, failing: v.failing, alerting: v.alerting };
}
