import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { testdata } from '../../../../test/setup/testdata';
import type { AnalyzerInput } from '../../../model/analyzer';
import { apkAnalyzer } from './apk';
import { withDistro } from './os-purl';

function input(path: string, content: Buffer): AnalyzerInput {
  return { path, size: content.length, mode: 0o644, content };
}

describe('apkAnalyzer', () => {
  it('claims the apk database path only', () => {
    expect(apkAnalyzer.required({ path: '/lib/apk/db/installed', size: 1, mode: 0o644 })).toBe(true);
    expect(apkAnalyzer.required({ path: '/lib/apk/db/installed.old', size: 1, mode: 0o644 })).toBe(false);
    expect(apkAnalyzer.required({ path: '/lib/apk/db/triggers', size: 1, mode: 0o644 })).toBe(false);
  });

  it('turns the real alpine 3.10 database into packages with source, license, arch and purl', async () => {
    const content = readFileSync(testdata('fixtures/apk/alpine-3.10/installed'));
    const { packages = [] } = await apkAnalyzer.analyze(input('/lib/apk/db/installed', content));
    expect(packages).toHaveLength(14);
    const ssl = packages.find((p) => p.name === 'libssl1.1');
    expect(ssl).toEqual({
      name: 'libssl1.1',
      version: '1.1.1d-r2',
      ecosystem: 'apk',
      purl: 'pkg:apk/alpine/libssl1.1@1.1.1d-r2?arch=x86_64',
      sourceName: 'openssl',
      sourceVersion: '1.1.1d-r2',
      licenses: ['OpenSSL'],
      arch: 'x86_64',
      foundIn: '/lib/apk/db/installed',
    });
    expect(packages.every((p) => p.layer === undefined)).toBe(true);
    const musl = packages.find((p) => p.name === 'musl');
    expect(musl && withDistro(musl, { family: 'alpine', release: '3.10.4' }).purl).toBe(
      'pkg:apk/alpine/musl@1.1.22-r3?arch=x86_64&distro=3.10.4',
    );
  });

  it('throws a named error for binary content', async () => {
    const garbage = Buffer.from([0, 1, 2, 3, 0xff]);
    await expect(async () => apkAnalyzer.analyze(input('/lib/apk/db/installed', garbage))).rejects.toThrow(
      /\/lib\/apk\/db\/installed: binary data/,
    );
  });
});
