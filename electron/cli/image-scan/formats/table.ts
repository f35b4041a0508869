// The default output, shaped like twistcli's: counts, threshold results, and with --details the findings.
import { textTable } from '../../text-table';
import { describeFix, fixGuidance } from '../../../../agent/policy/fix-guidance';
import type { ScanReport } from '../report';
import { complianceCounts, VULN_COLUMNS, vulnCounts } from './counts';

export function renderTable(r: ScanReport, details: boolean): string {
  const img = r.inventory.image;
  const out: string[] = [];
  out.push(
    r.kind === 'host'
      ? `Scan results for: host ${r.target}`
      : `Scan results for: image ${img.repoTags[0] ?? r.target} ${img.id}`,
  );
  out.push(
    `OS: ${r.inventory.os ? (r.inventory.os.name ?? `${r.inventory.os.family} ${r.inventory.os.release}`) : 'unknown'}`,
  );
  if (r.feeds.length > 0) {
    out.push(
      `Feeds: ${r.feeds.map((f) => `${f.name} (${ageDays(f.importedAt, r.scannedAt)} days old)`).join(', ')}`,
    );
  }
  const v = vulnCounts(r);
  out.push('', 'Vulnerabilities');
  out.push(
    textTable(
      [...VULN_COLUMNS.map((s) => s.toUpperCase()), 'TOTAL'],
      [[...VULN_COLUMNS.map((s) => String(v[s])), String(r.findings.length)]],
    ),
  );
  if (details && r.findings.length > 0) {
    out.push(vulnDetails(r));
    out.push('', 'Fix guidance (the upgrades that clear the most findings first)');
    fixGuidance(r.findings).forEach((s, i) => out.push(`  ${i + 1}. ${describeFix(s)}`));
  }
  const c = complianceCounts(r);
  out.push('', 'Compliance');
  out.push(
    textTable(
      ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'TOTAL'],
      [[c.critical, c.high, c.medium, c.low, c.critical + c.high + c.medium + c.low].map(String)],
    ),
  );
  if (details) out.push(complianceDetails(r));
  for (const w of r.warnings) out.push(`warning: ${w}`);
  out.push('');
  out.push(`Vulnerability threshold check results: ${r.vulnPass ? 'PASS' : 'FAIL'}`);
  out.push(`Compliance threshold check results: ${r.compliancePass ? 'PASS' : 'FAIL'}`);
  return out.join('\n') + '\n';
}

function vulnDetails(r: ScanReport): string {
  const rows = [...r.vulnJudged]
    .sort(
      (a, b) =>
        (b.finding.cvssScore ?? 0) - (a.finding.cvssScore ?? 0) || a.finding.id.localeCompare(b.finding.id),
    )
    .map((j) => {
      const f = j.finding;
      return [
        f.id,
        f.severity,
        f.cvssScore?.toFixed(1) ?? '',
        f.package.name,
        f.package.version,
        f.fixedIn ?? (f.status === 'wontfix' ? 'will not fix' : ''),
        f.published?.slice(0, 10) ?? '',
        f.package.layer?.createdBy ?? '',
        j.disposition === 'excepted'
          ? `excepted${j.exception?.reason ? ': ' + j.exception.reason : ''}`
          : j.disposition,
      ];
    });
  return textTable(
    ['CVE', 'SEVERITY', 'CVSS', 'PACKAGE', 'VERSION', 'FIXED IN', 'PUBLISHED', 'LAYER', 'VERDICT'],
    rows,
    48,
  );
}

function complianceDetails(r: ScanReport): string {
  const bad = r.complianceJudged.filter((j) => j.result.status === 'fail' || j.result.status === 'error');
  if (bad.length === 0) return 'No compliance issues.';
  const rows = bad.map((j) => [
    String(j.result.checkId),
    j.result.severity,
    j.result.title,
    j.result.status === 'error' ? `error: ${j.result.reason ?? ''}` : j.result.evidence.join('; '),
    j.outcome,
  ]);
  return textTable(['ID', 'SEVERITY', 'TITLE', 'EVIDENCE', 'RESULT'], rows, 70);
}

function ageDays(importedAt: string, now: string): number {
  return Math.floor((Date.parse(now) - Date.parse(importedAt)) / 86_400_000);
}
