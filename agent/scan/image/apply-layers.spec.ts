import { describe, expect, it } from 'vitest';
import type { Package } from '../../model/package';
import { applyLayers, lastLayerOs, type OrderedLayer } from './apply-layers';
import type { LayerResult } from './types';

const pkg = (name: string, version: string): Package => ({
  name,
  version,
  ecosystem: 'deb',
  purl: `pkg:deb/${name}@${version}`,
  licenses: [],
  foundIn: '/var/lib/dpkg/status',
});

function layer(index: number, files: LayerResult['files'], extra: Partial<LayerResult> = {}): OrderedLayer {
  const diffId = `sha256:${String(index).repeat(64)}`;
  return {
    ref: { index, diffId, createdBy: `step ${index}` },
    result: {
      diffId,
      files,
      whiteouts: [],
      opaqueDirs: [],
      fileCount: 0,
      bytes: 0,
      entries: [],
      entriesTruncated: false,
      devicesIgnored: 0,
      warnings: [],
      ...extra,
    },
  };
}
const status = (...p: Package[]): LayerResult['files'] => ({
  '/var/lib/dpkg/status': { dpkg: { packages: p } },
});

describe('applyLayers', () => {
  it('attributes a package to the earliest layer that continuously held it in the same file', () => {
    const out = applyLayers([
      layer(0, status(pkg('libc', '1'), pkg('curl', '7'))),
      layer(1, status(pkg('libc', '1'), pkg('curl', '7'), pkg('git', '2'))),
      layer(2, status(pkg('libc', '1'), pkg('curl', '8'), pkg('git', '2'))),
      layer(3, status(pkg('libc', '1'), pkg('curl', '8'))),
    ]);
    expect(out.packages.map((p) => [p.name, p.version, p.layer?.index])).toEqual([
      ['libc', '1', 0],
      ['curl', '8', 2],
    ]);
    expect([...out.packagesAdded]).toEqual([
      [0, 1],
      [2, 1],
    ]);
  });

  it('a whiteout breaks continuity: the package re-added later gets the later layer', () => {
    const out = applyLayers([
      layer(0, status(pkg('libc', '1'))),
      layer(1, {}, { whiteouts: ['/var/lib/dpkg'] }),
      layer(2, status(pkg('libc', '1'))),
    ]);
    expect(out.packages.map((p) => p.layer?.index)).toEqual([2]);
  });

  it('a whiteout of the root or an opaque parent removes everything below', () => {
    expect(
      applyLayers([layer(0, status(pkg('a', '1'))), layer(1, {}, { opaqueDirs: ['/var'] })]).packages,
    ).toEqual([]);
    expect(
      applyLayers([layer(0, status(pkg('a', '1'))), layer(1, {}, { whiteouts: ['/'] })]).packages,
    ).toEqual([]);
    // a sibling with a shared prefix survives
    expect(
      applyLayers([layer(0, status(pkg('a', '1'))), layer(1, {}, { whiteouts: ['/var/lib/dpk'] })]).packages,
    ).toHaveLength(1);
  });

  it('an empty result in a later layer hides the earlier one', () => {
    expect(
      applyLayers([layer(0, status(pkg('a', '1'))), layer(1, { '/var/lib/dpkg/status': {} })]).packages,
    ).toEqual([]);
  });

  it('takes the OS from the newest layer by default', () => {
    const os = (release: string): LayerResult['files'] => ({
      '/etc/os-release': { os: { os: { family: 'debian', release } } },
    });
    const out = applyLayers(
      [
        layer(0, os('11')),
        layer(1, { '/usr/lib/os-release': { os: { os: { family: 'debian', release: '12' } } } }),
      ],
      {
        resolveOs: lastLayerOs,
      },
    );
    expect(out.os).toEqual({ family: 'debian', release: '12' });
    expect(lastLayerOs([])).toBeNull();
  });
});
