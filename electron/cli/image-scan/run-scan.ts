// One `moat images scan`: read the image once (inventory + compliance facts), match, evaluate, judge.
import { evaluateImage, scanForCompliance } from '../../../agent/compliance/evaluate';
import { clamscanImage } from '../../../agent/compliance/clamav';
import { analyzers } from '../../../agent/scan/inventory/registry';
import { openImageSource } from '../../../agent/scan/open-source';
import { matchWithLocalFeeds } from './local-intel';
import { malwareListFiles } from '../../services/malware-feeds';
import { judgeVulns } from '../../../agent/policy/vuln-rule';
import { judgeCompliance } from '../../../agent/policy/compliance-rule';
import type { CiPolicy } from '../../../agent/policy/ci-policy';
import type { ScanReport } from './report';

export interface RunScanOptions {
  target: string;
  dataDir: string;
  policy: CiPolicy;
  tool: { name: string; version: string };
  now?: Date;
  onProgress?: (message: string) => void;
  /** Also run clamscan over the layers with these databases (none: clamscan's default ones). */
  clamav?: { databases: readonly string[] };
}

export async function runImageScan(opts: RunScanOptions): Promise<ScanReport> {
  const { target, policy } = opts;
  const warnings: string[] = [];
  opts.onProgress?.(`opening ${target}`);
  const opened = await openImageSource(target);
  const scan = await scanForCompliance(opened.source, {
    analyzers,
    malwareLists: malwareListFiles(opts.dataDir),
  });

  if (opts.clamav) {
    opts.onProgress?.('scanning layers with clamscan');
    // A second read of the layers: clamscan unpacks each layer archive itself.
    scan.facts.clamav = await clamscanImage(opened.source, {
      databases: opts.clamav.databases,
      layers: scan.inventory.layers,
    });
    warnings.push(...scan.facts.clamav.warnings);
  }

  opts.onProgress?.('matching vulnerabilities');
  const {
    findings,
    feeds,
    warnings: matchWarnings,
  } = matchWithLocalFeeds(opts.dataDir, scan.inventory, policy);
  warnings.push(...matchWarnings);

  opts.onProgress?.('evaluating compliance');
  // Custom checks run in a throwaway container of the image, so they need the image in the daemon.
  const inDaemon = opened.kind === 'docker-daemon';
  if (!inDaemon && policy.compliance.customChecks.length > 0) {
    warnings.push(
      `custom compliance checks need the image in the Docker daemon; ${target} is a ${opened.kind}, so they were not run`,
    );
  }
  const compliance = await evaluateImage(scan, target, {
    template: policy.compliance.template,
    customChecks: inDaemon ? policy.compliance.customChecks : [],
    now: opts.now,
  });
  const vuln = judgeVulns(findings, policy.vulnerability, opts.now);
  const comp = judgeCompliance(compliance, policy.compliance);
  return {
    kind: 'image',
    target,
    inventory: scan.inventory,
    findings,
    compliance,
    vulnRule: policy.vulnerability,
    complianceRule: policy.compliance,
    vulnJudged: vuln.judged,
    complianceJudged: comp.judged,
    vulnPass: vuln.pass,
    compliancePass: comp.pass,
    feeds,
    warnings: [...scan.inventory.warnings, ...warnings],
    scannedAt: (opts.now ?? new Date()).toISOString(),
    tool: opts.tool,
  };
}
