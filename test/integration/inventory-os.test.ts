// OS package inventories of the real test images equal what the distribution's own tools and databases say.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzers } from '../../agent/scan/inventory/registry';
import { openImageSource } from '../../agent/scan/open-source';
import { scanImage, type ImageInventory } from '../../agent/scan/scan-image';
import { docker, requireDocker } from '../setup/docker-cli';
import { testImages } from '../setup/images-env';
import { testdata } from '../setup/testdata';

async function scan(target: string): Promise<ImageInventory> {
  const { source } = await openImageSource(target);
  return scanImage(source, { analyzers });
}

const sorted = (lines: Iterable<string>): string[] => [...lines].sort();

beforeAll(() => requireDocker());

describe('dpkg inventory of moat-test/debian-vuln', () => {
  it('equals dpkg-query inside the image, name for name and version for version', async () => {
    const images = testImages();
    // dpkg-query's ${Package} is the bare name (no :arch); it prints one line per installed instance.
    const expected = docker(
      'run',
      '--rm',
      '--entrypoint',
      'dpkg-query',
      images.debianVuln.ref,
      '-W',
      '-f',
      '${Package} ${Version}\\n',
    )
      .split('\n')
      .filter((l) => l.trim() !== '');
    const inv = await scan(images.debianVuln.ref);
    const debs = inv.packages.filter((p) => p.ecosystem === 'deb');
    expect(sorted(debs.map((p) => `${p.name} ${p.version}`))).toEqual(sorted(expected));
    expect(debs).toHaveLength(169);
    expect(inv.os).toMatchObject({ family: 'debian', release: '12' });
    // The resolved OS reaches the purls (withDistro).
    for (const p of debs) expect(p.purl).toMatch(/^pkg:deb\/debian\/[^?]+\?(.*&)?distro=debian-12(&|$)/);
  });
});

describe('apk inventory of moat-test/alpine-apk', () => {
  it('equals the P:/V: records of the installed database it was built from', async () => {
    const installed = fs.readFileSync(testdata('fixtures', 'apk', 'alpine-3.10', 'installed'), 'utf8');
    const expected = installed
      .split(/\r?\n\r?\n/)
      .map((stanza) => {
        const field = (k: string): string | undefined =>
          stanza
            .split(/\r?\n/)
            .find((l) => l.startsWith(`${k}:`))
            ?.slice(2);
        return field('P') !== undefined ? `${field('P')} ${field('V')}` : undefined;
      })
      .filter((x): x is string => x !== undefined);
    expect(expected).toHaveLength(14);
    const inv = await scan(testImages().alpineApk.ref);
    const apks = inv.packages.filter((p) => p.ecosystem === 'apk');
    expect(sorted(apks.map((p) => `${p.name} ${p.version}`))).toEqual(sorted(expected));
    expect(inv.os).toMatchObject({ family: 'alpine', release: '3.10.4' });
    expect(apks.find((p) => p.name === 'musl')?.purl).toBe(
      'pkg:apk/alpine/musl@1.1.22-r3?arch=x86_64&distro=3.10.4',
    );
  });
});
