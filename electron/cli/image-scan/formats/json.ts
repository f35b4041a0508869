// Machine-readable results: the same facts as the table, with every finding and check.
import type { ScanReport } from '../report';
import { complianceCounts, vulnCounts } from './counts';

export function renderJson(r: ScanReport): string {
  const img = r.inventory.image;
  return (
    JSON.stringify(
      {
        tool: r.tool,
        scannedAt: r.scannedAt,
        image: {
          ref: r.target,
          id: img.id,
          tags: img.repoTags,
          digests: img.repoDigests,
          os: r.inventory.os,
        },
        feeds: r.feeds,
        vulnerabilityCounts: vulnCounts(r),
        complianceCounts: complianceCounts(r),
        vulnerabilities: r.vulnJudged.map((j) => ({
          id: j.finding.id,
          aliases: j.finding.aliases,
          severity: j.finding.severity,
          severitySource: j.finding.severitySource,
          links: j.finding.links,
          cvss: j.finding.cvssScore,
          vector: j.finding.cvssVector,
          status: j.finding.status,
          fixedIn: j.finding.fixedIn,
          published: j.finding.published,
          feed: j.finding.feed,
          package: {
            name: j.finding.package.name,
            version: j.finding.package.version,
            type: j.finding.package.ecosystem,
            purl: j.finding.package.purl,
          },
          layer: j.finding.package.layer,
          verdict: j.disposition,
          exception: j.exception,
        })),
        compliance: r.complianceJudged.map((j) => ({ ...j.result, effect: j.effect, verdict: j.outcome })),
        packages: r.inventory.packages.length,
        warnings: r.warnings,
        vulnerabilityThreshold: { rule: r.vulnRule, result: r.vulnPass ? 'PASS' : 'FAIL' },
        complianceThreshold: { rule: r.complianceRule.name, result: r.compliancePass ? 'PASS' : 'FAIL' },
      },
      null,
      2,
    ) + '\n'
  );
}
