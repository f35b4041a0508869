// Everything one `moat images scan` found and decided, shared by every output format and by publishing.
import type { VulnFinding } from '../../../agent/model/finding';
import type { ComplianceResult } from '../../../agent/compliance/evaluate';
import type { ImageInventory } from '../../../agent/scan/scan-image';
import type { JudgedFinding, VulnRule } from '../../../agent/policy/vuln-rule';
import type { ComplianceRule, JudgedCheck } from '../../../agent/policy/compliance-rule';

export interface ScanReport {
  /** What was scanned: an image, or the host the CLI runs on. */
  kind: 'image' | 'host';
  target: string;
  inventory: ImageInventory;
  findings: VulnFinding[];
  compliance: ComplianceResult[];
  vulnRule: VulnRule;
  complianceRule: ComplianceRule;
  vulnJudged: JudgedFinding[];
  complianceJudged: JudgedCheck<ComplianceResult>[];
  vulnPass: boolean;
  compliancePass: boolean;
  feeds: Array<{ name: string; importedAt: string }>;
  warnings: string[];
  scannedAt: string;
  tool: { name: string; version: string };
}

export function reportPasses(r: ScanReport): boolean {
  return r.vulnPass && r.compliancePass;
}
