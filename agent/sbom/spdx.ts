// SPDX 2.3 JSON for one scanned image: the document DESCRIBES the image package, which CONTAINS every
// package found. License strings that are not SPDX ids become LicenseRef-s with their text attached.
import { createHash, randomUUID } from 'node:crypto';
import type { Package } from '../model/package';
import { imageName, imageProperties } from './image-facts';
import { classifyLicense } from './licenses';
import type { SbomInput } from './types';

export interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  downloadLocation: 'NOASSERTION';
  filesAnalyzed: false;
  licenseConcluded: string;
  licenseDeclared: string;
  copyrightText: 'NOASSERTION';
  primaryPackagePurpose: 'CONTAINER' | 'LIBRARY' | 'OPERATING_SYSTEM';
  sourceInfo?: string;
  comment?: string;
  externalRefs?: Array<{
    referenceCategory: 'PACKAGE-MANAGER';
    referenceType: 'purl';
    referenceLocator: string;
  }>;
}

export interface SpdxDocument {
  spdxVersion: 'SPDX-2.3';
  dataLicense: 'CC0-1.0';
  SPDXID: 'SPDXRef-DOCUMENT';
  name: string;
  documentNamespace: string;
  creationInfo: { created: string; creators: string[] };
  packages: SpdxPackage[];
  hasExtractedLicensingInfos?: Array<{ licenseId: string; extractedText: string; name: string }>;
  relationships: Array<{
    spdxElementId: string;
    relationshipType: 'DESCRIBES' | 'CONTAINS';
    relatedSpdxElement: string;
  }>;
}

const NOASSERTION = 'NOASSERTION';

/** SPDXIDs allow only letters, digits, '.' and '-'; a hash suffix keeps them unique and stable. */
function spdxId(kind: string, label: string, key: string): string {
  const clean = label
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 12);
  return `SPDXRef-${kind}-${clean || 'x'}-${hash}`;
}

class LicenseRefs {
  readonly infos = new Map<string, { licenseId: string; extractedText: string; name: string }>();

  ref(text: string): string {
    const id = `LicenseRef-${
      text
        .replace(/[^A-Za-z0-9.-]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 40) || 'x'
    }-${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
    if (!this.infos.has(id))
      this.infos.set(id, { licenseId: id, extractedText: text, name: text.slice(0, 200) });
    return id;
  }

  /** A declared-license expression for the package's license strings, or NOASSERTION. */
  declared(values: readonly string[]): string {
    const uniq = [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
    if (uniq.length === 0) return NOASSERTION;
    const parts = uniq.map((v) => {
      const c = classifyLicense(v);
      if (c.kind === 'id') return c.id;
      if (c.kind === 'expression') return uniq.length > 1 ? `(${c.expression})` : c.expression;
      return this.ref(v);
    });
    return parts.join(' AND ');
  }
}

function packageSourceInfo(p: Package): string {
  const where = `found in ${p.foundIn}`;
  return p.layer
    ? `${where}, layer ${p.layer.index} (${p.layer.diffId}) created by: ${p.layer.createdBy}`
    : where;
}

function created(timestamp: string | undefined): string {
  // SPDX wants YYYY-MM-DDThh:mm:ssZ, without fractional seconds.
  const d = timestamp ? new Date(timestamp) : new Date();
  if (Number.isNaN(d.getTime()))
    throw new Error(`SPDX export: timestamp ${JSON.stringify(timestamp)} is not a date`);
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function toSpdx(input: SbomInput): SpdxDocument {
  const inv = input.inventory;
  const name = imageName(inv);
  const licenses = new LicenseRefs();
  const imageId = spdxId('Image', name, `image:${inv.image.id}:${inv.image.ref}`);
  const packages: SpdxPackage[] = [
    {
      SPDXID: imageId,
      name,
      ...(inv.image.id ? { versionInfo: inv.image.id } : {}),
      downloadLocation: NOASSERTION,
      filesAnalyzed: false,
      licenseConcluded: NOASSERTION,
      licenseDeclared: NOASSERTION,
      copyrightText: NOASSERTION,
      primaryPackagePurpose: 'CONTAINER',
      comment: imageProperties(inv)
        .map((p) => `${p.name}=${p.value}`)
        .join('\n'),
    },
  ];
  if (inv.os) {
    packages.push({
      SPDXID: spdxId('OperatingSystem', inv.os.family, `os:${inv.os.family}:${inv.os.release}`),
      name: inv.os.family,
      ...(inv.os.release ? { versionInfo: inv.os.release } : {}),
      downloadLocation: NOASSERTION,
      filesAnalyzed: false,
      licenseConcluded: NOASSERTION,
      licenseDeclared: NOASSERTION,
      copyrightText: NOASSERTION,
      primaryPackagePurpose: 'OPERATING_SYSTEM',
    });
  }
  const used = new Set(packages.map((p) => p.SPDXID));
  inv.packages.forEach((p, i) => {
    let id = spdxId('Package', `${p.ecosystem}-${p.name}`, `${p.purl}\0${p.foundIn}`);
    if (used.has(id)) id = spdxId('Package', `${p.ecosystem}-${p.name}`, `${p.purl}\0${p.foundIn}\0${i}`);
    used.add(id);
    packages.push({
      SPDXID: id,
      name: p.name,
      ...(p.version ? { versionInfo: p.version } : {}),
      downloadLocation: NOASSERTION,
      filesAnalyzed: false,
      licenseConcluded: NOASSERTION,
      licenseDeclared: licenses.declared(p.licenses),
      copyrightText: NOASSERTION,
      primaryPackagePurpose: 'LIBRARY',
      sourceInfo: packageSourceInfo(p),
      externalRefs: [
        { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl },
      ],
    });
  });
  const doc: SpdxDocument = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name,
    documentNamespace: `urn:uuid:${input.uuid ?? randomUUID()}`,
    creationInfo: {
      created: created(input.timestamp),
      creators: [`Tool: ${input.tool.name}-${input.tool.version}`],
    },
    packages,
    relationships: [
      { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: imageId },
      ...packages.slice(1).map((p) => ({
        spdxElementId: imageId,
        relationshipType: 'CONTAINS' as const,
        relatedSpdxElement: p.SPDXID,
      })),
    ],
  };
  if (licenses.infos.size > 0) doc.hasExtractedLicensingInfos = [...licenses.infos.values()];
  return doc;
}
