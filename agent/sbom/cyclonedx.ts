// CycloneDX 1.5 JSON for one scanned image: the image as metadata.component, every package as a
// component carrying its purl, licenses and where it came from (layer, file), optional vulnerabilities.
import { randomUUID } from 'node:crypto';
import type { Severity, VulnFinding } from '../model/finding';
import type { Package } from '../model/package';
import { classifyLicense } from './licenses';
import { imageName, imageProperties, type Property } from './image-facts';
import type { SbomInput } from './types';

type CdxLicense = { license: { id: string } | { name: string } } | { expression: string };

export interface CdxComponent {
  type: 'library' | 'operating-system' | 'container';
  'bom-ref': string;
  name: string;
  version?: string;
  purl?: string;
  licenses?: CdxLicense[];
  properties?: Property[];
}

export interface CdxVulnerability {
  'bom-ref': string;
  id: string;
  source: { name: string };
  ratings?: Array<{ severity: string; score?: number; method?: string; vector?: string }>;
  description?: string;
  recommendation?: string;
  references?: Array<{ id: string; source: { name: string } }>;
  affects: Array<{ ref: string }>;
}

export interface CycloneDxBom {
  bomFormat: 'CycloneDX';
  specVersion: '1.5';
  serialNumber: string;
  version: 1;
  metadata: {
    timestamp: string;
    tools: { components: Array<{ type: 'application'; name: string; version: string }> };
    component: CdxComponent;
  };
  components: CdxComponent[];
  dependencies: Array<{ ref: string; dependsOn: string[] }>;
  vulnerabilities?: CdxVulnerability[];
}

/** A license list in CycloneDX's rule: either license objects, or exactly one expression. */
function cdxLicenses(values: readonly string[]): CdxLicense[] | undefined {
  const uniq = [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
  if (uniq.length === 0) return undefined;
  const choices = uniq.map(classifyLicense);
  if (choices.length === 1 && choices[0].kind === 'expression')
    return [{ expression: choices[0].expression }];
  return choices.map((c, i) =>
    c.kind === 'id' ? { license: { id: c.id } } : { license: { name: uniq[i] } },
  );
}

function packageProperties(p: Package): Property[] {
  const props: Property[] = [
    { name: 'moat:ecosystem', value: p.ecosystem },
    { name: 'moat:foundIn', value: p.foundIn },
  ];
  if (p.layer) {
    props.push(
      { name: 'moat:layer:index', value: String(p.layer.index) },
      { name: 'moat:layer:diffID', value: p.layer.diffId },
      { name: 'moat:layer:createdBy', value: p.layer.createdBy },
    );
  }
  if (p.arch) props.push({ name: 'moat:arch', value: p.arch });
  if (p.sourceName) props.push({ name: 'moat:sourceName', value: p.sourceName });
  if (p.sourceVersion) props.push({ name: 'moat:sourceVersion', value: p.sourceVersion });
  return props;
}

/** bom-refs must be unique: the purl, made unique by the file it was found in when it repeats. */
export function bomRefs(packages: readonly Package[]): string[] {
  const count = new Map<string, number>();
  for (const p of packages) count.set(p.purl, (count.get(p.purl) ?? 0) + 1);
  const seen = new Set<string>();
  return packages.map((p, i) => {
    let ref = (count.get(p.purl) ?? 0) > 1 ? `${p.purl}|${p.foundIn}` : p.purl;
    if (seen.has(ref)) ref = `${ref}|${i}`;
    seen.add(ref);
    return ref;
  });
}

const CDX_SEVERITY: Record<Severity, string> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  negligible: 'info',
  unknown: 'unknown',
};

function cvssMethod(vector: string | undefined): string | undefined {
  if (!vector) return undefined;
  if (vector.startsWith('CVSS:3.1/')) return 'CVSSv31';
  if (vector.startsWith('CVSS:3.0/')) return 'CVSSv3';
  if (vector.startsWith('CVSS:4.0/')) return 'CVSSv4';
  return /^AV:[LAN]\//.test(vector) ? 'CVSSv2' : 'other';
}

function cdxVulnerabilities(
  findings: readonly VulnFinding[],
  refsByPurl: Map<string, string[]>,
): CdxVulnerability[] {
  // One entry per (id, feed); the packages it hits are its affects list.
  const byKey = new Map<string, CdxVulnerability>();
  for (const f of findings) {
    const key = `${f.feed}\0${f.id}`;
    let v = byKey.get(key);
    if (!v) {
      const method = cvssMethod(f.cvssVector);
      v = {
        'bom-ref': `vuln:${f.feed}:${f.id}`,
        id: f.id,
        source: { name: f.feed },
        ratings: [
          {
            severity: CDX_SEVERITY[f.severity],
            ...(f.cvssScore !== undefined ? { score: f.cvssScore } : {}),
            ...(method ? { method } : {}),
            ...(f.cvssVector ? { vector: f.cvssVector } : {}),
          },
        ],
        ...(f.description ? { description: f.description } : {}),
        ...(f.fixedIn ? { recommendation: `Upgrade ${f.package.name} to ${f.fixedIn} or later` } : {}),
        ...(f.aliases.length > 0
          ? { references: f.aliases.map((id) => ({ id, source: { name: f.feed } })) }
          : {}),
        affects: [],
      };
      byKey.set(key, v);
    }
    for (const ref of refsByPurl.get(f.package.purl) ?? []) {
      if (!v.affects.some((a) => a.ref === ref)) v.affects.push({ ref });
    }
  }
  return [...byKey.values()].filter((v) => v.affects.length > 0);
}

export function toCycloneDx(input: SbomInput): CycloneDxBom {
  const inv = input.inventory;
  const imageRef = `image:${inv.image.id || inv.image.ref}`;
  const refs = bomRefs(inv.packages);
  const components: CdxComponent[] = [];
  if (inv.os) {
    components.push({
      type: 'operating-system',
      'bom-ref': `os:${inv.os.family}@${inv.os.release}`,
      name: inv.os.family,
      ...(inv.os.release ? { version: inv.os.release } : {}),
      ...(inv.os.name ? { properties: [{ name: 'moat:os:name', value: inv.os.name }] } : {}),
    });
  }
  const refsByPurl = new Map<string, string[]>();
  inv.packages.forEach((p, i) => {
    refsByPurl.set(p.purl, [...(refsByPurl.get(p.purl) ?? []), refs[i]]);
    const licenses = cdxLicenses(p.licenses);
    components.push({
      type: 'library',
      'bom-ref': refs[i],
      name: p.name,
      ...(p.version ? { version: p.version } : {}),
      purl: p.purl,
      ...(licenses ? { licenses } : {}),
      properties: packageProperties(p),
    });
  });
  const bom: CycloneDxBom = {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: `urn:uuid:${input.uuid ?? randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: input.timestamp ?? new Date().toISOString(),
      tools: { components: [{ type: 'application', ...input.tool }] },
      component: {
        type: 'container',
        'bom-ref': imageRef,
        name: imageName(inv),
        ...(inv.image.id ? { version: inv.image.id } : {}),
        properties: imageProperties(inv),
      },
    },
    components,
    dependencies: [{ ref: imageRef, dependsOn: components.map((c) => c['bom-ref']) }],
  };
  if (input.vulnerabilities && input.vulnerabilities.length > 0)
    bom.vulnerabilities = cdxVulnerabilities(input.vulnerabilities, refsByPurl);
  return bom;
}
