import { describe, expect, it } from 'vitest';
import { pkg, sampleInventory } from '../../test/fixtures/sbom/inventory';
import { spdxErrors } from '../../test/fixtures/sbom/validate-sbom';
import { toSpdx } from './spdx';

const fixed = {
  tool: { name: 'moat', version: '0.1.0' },
  timestamp: '2024-05-06T07:08:09.123Z',
  uuid: '0b6a3c1e-2f4d-4a5b-8c7d-9e0f1a2b3c4d',
};

describe('toSpdx', () => {
  const doc = toSpdx({ ...fixed, inventory: sampleInventory() });

  it('passes the SPDX 2.3 structure checks', () => {
    expect(spdxErrors(doc)).toEqual([]);
    expect(doc.creationInfo).toEqual({ created: '2024-05-06T07:08:09Z', creators: ['Tool: moat-0.1.0'] });
    expect(doc.documentNamespace).toBe(`urn:uuid:${fixed.uuid}`);
  });

  it('DESCRIBES the image, which CONTAINS the OS and every package', () => {
    const image = doc.packages[0];
    expect(image).toMatchObject({ name: 'moat-test/sample:1', primaryPackagePurpose: 'CONTAINER' });
    expect(doc.relationships[0]).toEqual({
      spdxElementId: 'SPDXRef-DOCUMENT',
      relationshipType: 'DESCRIBES',
      relatedSpdxElement: image.SPDXID,
    });
    const contained = doc.relationships.filter((r) => r.relationshipType === 'CONTAINS');
    expect(contained.map((r) => r.relatedSpdxElement)).toEqual(doc.packages.slice(1).map((p) => p.SPDXID));
    expect(doc.packages[1]).toMatchObject({ name: 'alpine', primaryPackagePurpose: 'OPERATING_SYSTEM' });
  });

  it('gives packages a purl external ref, NOASSERTION where unknown, and where they were found', () => {
    const musl = doc.packages.find((p) => p.name === 'musl');
    expect(musl?.externalRefs).toEqual([
      {
        referenceCategory: 'PACKAGE-MANAGER',
        referenceType: 'purl',
        referenceLocator: 'pkg:apk/alpine/musl@1.1.22-r3?arch=x86_64&distro=3.10.4',
      },
    ]);
    expect(musl?.licenseDeclared).toBe('MIT');
    expect(musl?.licenseConcluded).toBe('NOASSERTION');
    expect(musl?.sourceInfo).toBe(
      `found in /lib/apk/db/installed, layer 0 (sha256:${'a'.repeat(64)}) created by: ADD rootfs.tar /`,
    );
    expect(doc.packages.find((p) => p.name === 'left-pad')?.licenseDeclared).toBe('WTFPL OR MIT');
  });

  it('turns non-SPDX license strings into declared LicenseRefs', () => {
    const odd = doc.packages.find((p) => p.name === 'odd');
    expect(odd?.licenseDeclared).toMatch(
      /^LicenseRef-GPL-2-[0-9a-f]{8} AND LicenseRef-Custom-see-LICENSE-[0-9a-f]{8}$/,
    );
    expect(doc.hasExtractedLicensingInfos?.map((l) => l.extractedText).sort()).toEqual([
      'Custom: see LICENSE',
      'GPL-2+',
    ]);
  });
});

describe('toSpdx with hostile inventories', () => {
  it('keeps SPDXIDs unique and valid for repeated and odd packages', () => {
    const same = { name: '@scope/ms', version: '1.0.0', purl: 'pkg:npm/%40scope/ms@1.0.0' };
    const packages = [
      pkg(same),
      pkg(same),
      pkg({ ...same, foundIn: '/x' }),
      pkg({ name: '../../\u0000', version: '', purl: 'pkg:generic/x', licenses: ['(', 'MIT AND'] }),
      pkg({ name: 'x'.repeat(10_000), version: 'y'.repeat(10_000), purl: 'pkg:npm/x' }),
    ];
    const doc = toSpdx({ ...fixed, inventory: sampleInventory(packages) });
    expect(spdxErrors(doc)).toEqual([]);
    expect(new Set(doc.packages.map((p) => p.SPDXID)).size).toBe(doc.packages.length);
    expect(Math.max(...doc.packages.map((p) => p.SPDXID.length))).toBeLessThan(120);
  });

  it('handles an empty image without an OS', () => {
    const inv = sampleInventory([]);
    inv.os = null;
    const doc = toSpdx({ ...fixed, inventory: inv });
    expect(spdxErrors(doc)).toEqual([]);
    expect(doc.packages).toHaveLength(1);
    expect(doc.hasExtractedLicensingInfos).toBeUndefined();
  });

  it('refuses a timestamp that is not a date, naming it', () => {
    expect(() => toSpdx({ ...fixed, timestamp: 'yesterday', inventory: sampleInventory() })).toThrow(
      'SPDX export: timestamp "yesterday" is not a date',
    );
  });

  it('validator rejects a broken document (the check can fail)', () => {
    const doc = toSpdx({ ...fixed, inventory: sampleInventory() });
    expect(
      spdxErrors({ ...doc, packages: [{ ...doc.packages[0], SPDXID: 'bad id' }] }).length,
    ).toBeGreaterThan(0);
    expect(spdxErrors({ ...doc, hasExtractedLicensingInfos: [] })).toContainEqual(
      expect.stringMatching(/uses LicenseRef-GPL-2-[0-9a-f]+ without hasExtractedLicensingInfos/),
    );
  });
});
