// `moat sbom` end to end: the bundled CLI against the real daemon and archives, documents checked for structure.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moatSync, type MoatRun } from '../setup/moat-cli';
import { cycloneDxErrors, spdxErrors } from '../fixtures/sbom/validate-sbom';
import { requireDocker } from '../setup/docker-cli';
import { testImages } from '../setup/images-env';

const root = path.resolve(__dirname, '../..');
let home = '';

const moat = (...args: string[]): MoatRun => moatSync(args, { home });

interface CdxDoc {
  metadata: { component: { name: string; type: string } };
  components: Array<{ purl?: string; name: string; properties?: Array<{ name: string; value: string }> }>;
}

beforeAll(() => {
  requireDocker();
  execFileSync('npm', ['run', 'build:cli'], { cwd: root, stdio: 'ignore' });
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-cli-home-'));
});
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

describe('moat sbom', () => {
  it('prints a valid CycloneDX document with the 14 apk packages of moat-test/alpine-apk', () => {
    const r = moat('sbom', 'moat-test/alpine-apk', '--format', 'cyclonedx');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe(''); // not a TTY: no progress
    const doc = JSON.parse(r.stdout) as CdxDoc;
    expect(cycloneDxErrors(doc)).toEqual([]);
    expect(doc.metadata.component).toMatchObject({ type: 'container', name: 'moat-test/alpine-apk:latest' });
    const apks = doc.components.filter((c) => c.purl?.startsWith('pkg:apk/alpine/'));
    expect(apks).toHaveLength(14);
    for (const c of apks) {
      expect(c.purl).toContain('distro=3.10.4');
      expect(c.properties?.find((p) => p.name === 'moat:layer:diffID')?.value).toMatch(
        /^sha256:[0-9a-f]{64}$/,
      );
    }
  });

  it('writes SPDX for the docker save tar to --output-file with its 169 deb packages', () => {
    const out = path.join(home, 'debian.spdx.json');
    const r = moat('sbom', testImages().debianVuln.archive, '--format', 'spdx', '--output-file', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const doc = JSON.parse(fs.readFileSync(out, 'utf8')) as {
      packages: Array<{ externalRefs?: Array<{ referenceLocator: string }> }>;
    };
    expect(spdxErrors(doc)).toEqual([]);
    const debs = doc.packages.filter((p) =>
      p.externalRefs?.[0].referenceLocator.startsWith('pkg:deb/debian/'),
    );
    expect(debs).toHaveLength(169);
    // The first run filled the layer cache under MOAT_HOME.
    expect(fs.readdirSync(path.join(home, 'cache', 'layers')).length).toBeGreaterThan(0);
  });

  it('exits 2 naming the target when nothing fits, and on a bad format', () => {
    const missing = moat('sbom', 'moat-test/no-such-image:0');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('moat-test/no-such-image:0: no such file or directory');
    const notImage = path.join(home, 'notes.txt');
    fs.writeFileSync(notImage, 'hello\n'.repeat(200));
    const bad = moat('sbom', notImage);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(`${notImage}: is a file but not a readable tar image archive`);
    const fmt = moat('sbom', 'moat-test/alpine-apk', '--format', 'xml');
    expect(fmt.status).toBe(2);
    expect(fmt.stderr).toContain('--format must be cyclonedx or spdx, got "xml"');
  });
});
