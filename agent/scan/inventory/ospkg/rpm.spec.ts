import { describe, it, expect } from 'vitest';
import { packageHeader } from '../../../../test/fixtures/ospkg/rpm-header-encoder';
import { buildRpmdbSqlite } from '../../../../test/fixtures/ospkg/rpmdb-builder';
import type { AnalyzerInput } from '../../../model/analyzer';
import { withDistro } from './os-purl';
import { rpmAnalyzer } from './rpm';

const input = (p: string, content: Buffer): AnalyzerInput => ({
  path: p,
  size: content.length,
  mode: 0o644,
  content,
});
const meta = (p: string): { path: string; size: number; mode: number } => ({ path: p, size: 1, mode: 0o644 });

const db = buildRpmdbSqlite([
  packageHeader({
    name: 'openssl-libs',
    version: '3.0.7',
    release: '24.el9',
    epoch: 1,
    arch: 'x86_64',
    license: 'ASL 2.0',
    sourceRpm: 'openssl-3.0.7-24.el9.src.rpm',
  }),
  packageHeader({ name: 'gpg-pubkey', version: 'fd431d51', release: '4ae0493b' }),
  packageHeader({ name: 'setup', version: '2.13.7', release: '9.el9', arch: 'noarch' }),
]);

describe('rpmAnalyzer', () => {
  it('claims the rpm databases in both locations and nothing else', () => {
    for (const p of [
      '/var/lib/rpm/rpmdb.sqlite',
      '/usr/lib/sysimage/rpm/rpmdb.sqlite',
      '/var/lib/rpm/Packages',
      '/var/lib/rpm/Packages.db',
    ]) {
      expect(rpmAnalyzer.required(meta(p))).toBe(true);
    }
    for (const p of ['/var/lib/rpm/rpmdb.sqlite-shm', '/var/lib/rpm/Name', '/tmp/var/lib/rpm/Packages']) {
      expect(rpmAnalyzer.required(meta(p))).toBe(false);
    }
  });

  it('reports packages with epoch:version-release, source rpm, license and purl; skips gpg-pubkey', async () => {
    const { packages = [] } = await rpmAnalyzer.analyze(input('/var/lib/rpm/rpmdb.sqlite', db));
    expect(packages).toEqual([
      {
        name: 'openssl-libs',
        version: '1:3.0.7-24.el9',
        ecosystem: 'rpm',
        purl: 'pkg:rpm/openssl-libs@3.0.7-24.el9?arch=x86_64&epoch=1',
        sourceName: 'openssl',
        sourceVersion: '1:3.0.7-24.el9',
        licenses: ['ASL 2.0'],
        arch: 'x86_64',
        foundIn: '/var/lib/rpm/rpmdb.sqlite',
      },
      {
        name: 'setup',
        version: '2.13.7-9.el9',
        ecosystem: 'rpm',
        purl: 'pkg:rpm/setup@2.13.7-9.el9?arch=noarch',
        sourceName: 'setup',
        sourceVersion: '2.13.7-9.el9',
        licenses: [],
        arch: 'noarch',
        foundIn: '/var/lib/rpm/rpmdb.sqlite',
      },
    ]);
    expect(withDistro(packages[0], { family: 'rhel', release: '9.3' }).purl).toBe(
      'pkg:rpm/redhat/openssl-libs@3.0.7-24.el9?arch=x86_64&distro=rhel-9.3&epoch=1',
    );
  });

  it('refuses BerkeleyDB and ndb databases with the documented message', async () => {
    await expect(async () =>
      rpmAnalyzer.analyze(input('/var/lib/rpm/Packages', Buffer.alloc(64))),
    ).rejects.toThrow(
      'unsupported rpm database format (BerkeleyDB) at /var/lib/rpm/Packages; only sqlite rpmdb is supported',
    );
    await expect(async () =>
      rpmAnalyzer.analyze(input('/usr/lib/sysimage/rpm/Packages.db', Buffer.alloc(64))),
    ).rejects.toThrow('unsupported rpm database format (ndb) at /usr/lib/sysimage/rpm/Packages.db');
  });

  it('names the file when the sqlite bytes are garbage', async () => {
    await expect(async () =>
      rpmAnalyzer.analyze(input('/var/lib/rpm/rpmdb.sqlite', Buffer.from([1, 2, 3]))),
    ).rejects.toThrow('/var/lib/rpm/rpmdb.sqlite: not an sqlite database');
  });
});
