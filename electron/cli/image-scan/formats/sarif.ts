// SARIF 2.1.0, so code-scanning dashboards can show the findings: one rule per vulnerability or check, one result per finding.
import type { ScanReport } from '../report';

const LEVEL: Record<string, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  negligible: 'note',
  unknown: 'note',
};
/** GitHub reads this property to rank security results; it wants a CVSS-like number as a string. */
const SECURITY_SEVERITY: Record<string, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
  negligible: '0.5',
  unknown: '0.0',
};

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  help: { text: string };
  properties: { 'security-severity': string; tags: string[] };
}

export function renderSarif(r: ScanReport): string {
  const rules = new Map<string, SarifRule>();
  const results: object[] = [];
  const uri = (p: string): string => p.replace(/^\//, '');
  for (const j of r.vulnJudged) {
    const f = j.finding;
    if (!rules.has(f.id)) {
      rules.set(f.id, {
        id: f.id,
        shortDescription: { text: `${f.id} (${f.severity})` },
        ...(f.description ? { fullDescription: { text: f.description.slice(0, 1000) } } : {}),
        help: {
          text: f.fixedIn
            ? `Upgrade ${f.package.name} to ${f.fixedIn} or later.`
            : 'No fixed version is known yet.',
        },
        properties: {
          'security-severity':
            f.cvssScore !== undefined ? f.cvssScore.toFixed(1) : SECURITY_SEVERITY[f.severity],
          tags: ['security', 'vulnerability', f.package.ecosystem],
        },
      });
    }
    results.push({
      ruleId: f.id,
      level: LEVEL[f.severity],
      message: {
        text:
          `${f.package.name} ${f.package.version} is affected by ${f.id}${f.fixedIn ? `; fixed in ${f.fixedIn}` : ''}` +
          (f.package.layer?.createdBy ? ` (installed by: ${f.package.layer.createdBy.slice(0, 200)})` : ''),
      },
      locations: [{ physicalLocation: { artifactLocation: { uri: uri(f.package.foundIn) } } }],
      properties: { verdict: j.disposition, purl: f.package.purl },
    });
  }
  for (const j of r.complianceJudged) {
    const c = j.result;
    if (c.status !== 'fail' && c.status !== 'error') continue;
    const id = `moat-compliance-${c.checkId}`;
    if (!rules.has(id)) {
      rules.set(id, {
        id,
        shortDescription: { text: c.title },
        help: { text: `Compliance check ${c.checkId}: ${c.title}` },
        properties: { 'security-severity': SECURITY_SEVERITY[c.severity], tags: ['security', 'compliance'] },
      });
    }
    results.push({
      ruleId: id,
      level: LEVEL[c.severity],
      message: {
        text:
          c.status === 'error' ? `check could not run: ${c.reason ?? ''}` : c.evidence.join('; ') || c.title,
      },
      locations: [{ physicalLocation: { artifactLocation: { uri: r.target } } }],
      properties: { verdict: j.outcome },
    });
  }
  const doc = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: r.tool.name, version: r.tool.version, rules: [...rules.values()] } },
        results,
        properties: { image: r.inventory.image.id, target: r.target },
      },
    ],
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
