import { describe, expect, it } from 'vitest';
import type { VulnFinding } from '../model/finding';
import { pkg, sampleInventory } from '../../test/fixtures/sbom/inventory';
import { cycloneDxErrors } from '../../test/fixtures/sbom/validate-sbom';
import { bomRefs, toCycloneDx, type CdxComponent } from './cyclonedx';
import { renderSbom } from './index';

const tool = { name: 'moat', version: '0.1.0' };
const fixed = { tool, timestamp: '2024-05-06T07:08:09.000Z', uuid: '0b6a3c1e-2f4d-4a5b-8c7d-9e0f1a2b3c4d' };
const prop = (c: CdxComponent, name: string): string | undefined =>
  c.properties?.find((p) => p.name === name)?.value;

describe('toCycloneDx', () => {
  const bom = toCycloneDx({ ...fixed, inventory: sampleInventory() });

  it('passes the CycloneDX 1.5 structure checks', () => {
    expect(cycloneDxErrors(bom)).toEqual([]);
    expect(bom.serialNumber).toBe(`urn:uuid:${fixed.uuid}`);
    expect(bom.metadata.timestamp).toBe(fixed.timestamp);
  });

  it('describes the image as metadata.component and the OS as a component', () => {
    expect(bom.metadata.component).toMatchObject({
      type: 'container',
      name: 'moat-test/sample:1',
      version: `sha256:${'c'.repeat(64)}`,
    });
    expect(bom.components[0]).toMatchObject({ type: 'operating-system', name: 'alpine', version: '3.10.4' });
  });

  it('gives each package its purl, licenses, layer and file', () => {
    const musl = bom.components.find((c) => c.name === 'musl');
    expect(musl).toBeDefined();
    if (!musl) return;
    expect(musl['bom-ref']).toBe('pkg:apk/alpine/musl@1.1.22-r3?arch=x86_64&distro=3.10.4');
    expect(musl.licenses).toEqual([{ license: { id: 'MIT' } }]);
    expect(prop(musl, 'moat:layer:index')).toBe('0');
    expect(prop(musl, 'moat:layer:diffID')).toBe(`sha256:${'a'.repeat(64)}`);
    expect(prop(musl, 'moat:layer:createdBy')).toBe('ADD rootfs.tar /');
    expect(prop(musl, 'moat:foundIn')).toBe('/lib/apk/db/installed');
    const leftPad = bom.components.find((c) => c.name === 'left-pad');
    expect(leftPad?.licenses).toEqual([{ expression: 'WTFPL OR MIT' }]);
    const odd = bom.components.find((c) => c.name === 'odd');
    expect(odd?.licenses).toEqual([
      { license: { name: 'GPL-2+' } },
      { license: { name: 'Custom: see LICENSE' } },
    ]);
  });

  it('lists every component under the image in dependencies and has no vulnerabilities by default', () => {
    expect(bom.dependencies[0].dependsOn).toHaveLength(bom.components.length);
    expect(bom.vulnerabilities).toBeUndefined();
  });

  it('embeds findings as vulnerabilities affecting the matching components', () => {
    const minimist = sampleInventory().packages[1];
    const finding: VulnFinding = {
      id: 'GHSA-vh95-rmgr-6w4m',
      aliases: ['CVE-2020-7598'],
      severity: 'medium',
      cvssScore: 5.6,
      cvssVector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L',
      fixedIn: '0.2.1',
      status: 'fixed',
      feed: 'osv',
      package: minimist,
    };
    const orphan: VulnFinding = {
      ...finding,
      id: 'GHSA-none',
      package: { ...minimist, purl: 'pkg:npm/absent@1' },
    };
    const withVulns = toCycloneDx({
      ...fixed,
      inventory: sampleInventory(),
      vulnerabilities: [finding, finding, orphan],
    });
    expect(cycloneDxErrors(withVulns)).toEqual([]);
    expect(withVulns.vulnerabilities).toHaveLength(1);
    expect(withVulns.vulnerabilities?.[0]).toMatchObject({
      id: 'GHSA-vh95-rmgr-6w4m',
      ratings: [{ severity: 'medium', score: 5.6, method: 'CVSSv31' }],
      affects: [{ ref: 'pkg:npm/minimist@0.0.8' }],
    });
  });

  it('is byte-for-byte stable for the same input', () => {
    const a = renderSbom('cyclonedx', { ...fixed, inventory: sampleInventory() });
    expect(renderSbom('cyclonedx', { ...fixed, inventory: sampleInventory() })).toBe(a);
    expect(a.endsWith('}\n')).toBe(true);
  });
});

describe('toCycloneDx with hostile inventories', () => {
  it('keeps bom-refs unique when one purl is found in several places or repeats exactly', () => {
    const same = { name: 'ms', version: '1.0.0', purl: 'pkg:npm/ms@1.0.0' };
    const packages = [pkg(same), pkg({ ...same, foundIn: '/other/ms/package.json' }), pkg(same)];
    const refs = bomRefs(packages);
    expect(new Set(refs).size).toBe(3);
    const bom = toCycloneDx({ ...fixed, inventory: sampleInventory(packages) });
    expect(cycloneDxErrors(bom)).toEqual([]);
  });

  it('copes with an empty image, no OS, empty versions and odd characters', () => {
    const inv = sampleInventory([
      pkg({
        name: 'ünïcode\u0000name',
        version: '',
        purl: 'pkg:npm/%C3%BCn%C3%AFcode%00name',
        licenses: ['', '  '],
      }),
    ]);
    inv.os = null;
    inv.image.id = '';
    inv.image.repoTags = [];
    const bom = toCycloneDx({ ...fixed, inventory: inv });
    expect(cycloneDxErrors(bom)).toEqual([]);
    expect(bom.metadata.component.name).toBe('moat-test/sample:1');
    expect(bom.components).toHaveLength(1);
    expect(bom.components[0].version).toBeUndefined();
    expect(bom.components[0].licenses).toBeUndefined();
    const empty = toCycloneDx({ ...fixed, inventory: sampleInventory([]) });
    expect(cycloneDxErrors(empty)).toEqual([]);
  });

  it('validator rejects a broken document (the check can fail)', () => {
    const bom = toCycloneDx({ ...fixed, inventory: sampleInventory() });
    const broken = { ...bom, components: [{ ...bom.components[1], type: 'gadget' }] };
    expect(cycloneDxErrors(broken).length).toBeGreaterThan(0);
    const dangling = { ...bom, dependencies: [{ ref: 'nowhere' }] };
    expect(cycloneDxErrors(dangling)).toEqual(['dependency ref nowhere is not a bom-ref']);
  });
});
