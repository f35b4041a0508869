// `moat hosts scan`: the packages of this host's root filesystem, their vulnerabilities, and host compliance.
import os from 'node:os';
import { evaluateHost } from '../../../agent/compliance/evaluate';
import { realHost } from '../../../agent/compliance/checks/host/host-env';
import { scanHostInventory } from '../../../agent/scan/scan-host';
import { judgeVulns } from '../../../agent/policy/vuln-rule';
import { judgeCompliance } from '../../../agent/policy/compliance-rule';
import type { CiPolicy } from '../../../agent/policy/ci-policy';
import type { ScanReport } from './report';
import { matchWithLocalFeeds } from './local-intel';

export interface RunHostScanOptions {
  root: string;
  dataDir: string;
  policy: CiPolicy;
  languagePackages: boolean;
  tool: { name: string; version: string };
  now?: Date;
}

export async function runHostScan(opts: RunHostScanOptions): Promise<ScanReport> {
  const inventory = await scanHostInventory(opts.root, { languagePackages: opts.languagePackages });
  const { findings, feeds, warnings } = matchWithLocalFeeds(opts.dataDir, inventory, opts.policy);
  const compliance =
    opts.root === '/' ? await evaluateHost(realHost(), { template: opts.policy.compliance.template }) : [];
  if (opts.root !== '/')
    warnings.push(
      `host compliance checks read this machine's files, so they run only for "/", not ${opts.root}`,
    );
  const vuln = judgeVulns(findings, opts.policy.vulnerability, opts.now);
  const comp = judgeCompliance(compliance, opts.policy.compliance);
  return {
    kind: 'host',
    target: os.hostname(),
    inventory,
    findings,
    compliance,
    vulnRule: opts.policy.vulnerability,
    complianceRule: opts.policy.compliance,
    vulnJudged: vuln.judged,
    complianceJudged: comp.judged,
    vulnPass: vuln.pass,
    compliancePass: comp.pass,
    feeds,
    warnings: [...inventory.warnings, ...warnings],
    scannedAt: (opts.now ?? new Date()).toISOString(),
    tool: opts.tool,
  };
}
