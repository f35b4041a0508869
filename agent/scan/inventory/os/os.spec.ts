import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { testdata } from '../../../../test/setup/testdata';
import type { Analyzer, AnalyzerInput } from '../../../model/analyzer';
import type { OsInfo } from '../../../model/package';
import { osAnalyzers, resolveOs } from './index';

function input(path: string, content: string | Buffer): AnalyzerInput {
  const buf = typeof content === 'string' ? Buffer.from(content) : content;
  return { path, size: buf.length, mode: 0o644, content: buf };
}

/** Run the analyzer that claims the path, as the walker would. */
async function detect(path: string, content: string | Buffer): Promise<OsInfo | undefined> {
  const claimed: Analyzer[] = osAnalyzers.filter((a) => a.required({ path, size: 0, mode: 0o644 }));
  expect(claimed).toHaveLength(1);
  return (await claimed[0].analyze(input(path, content))).os;
}

describe('OS analyzers', () => {
  it('claim only their paths', () => {
    const claims = (path: string): number =>
      osAnalyzers.filter((a) => a.required({ path, size: 1, mode: 0o644 })).length;
    for (const p of [
      '/etc/os-release',
      '/usr/lib/os-release',
      '/etc/alpine-release',
      '/etc/debian_version',
      '/etc/centos-release',
    ]) {
      expect(claims(p)).toBe(1);
    }
    for (const p of [
      '/etc/os-release.bak',
      '/tmp/etc/os-release',
      '/etc/lsb-release',
      '/usr/etc/alpine-release',
    ]) {
      expect(claims(p)).toBe(0);
    }
  });

  it('read the real Alpine 3.10 files', async () => {
    const os = await detect('/etc/os-release', readFileSync(testdata('fixtures/apk/alpine-3.10/os-release')));
    expect(os).toEqual({ family: 'alpine', release: '3.10.4', name: 'Alpine Linux v3.10' });
    const ar = await detect(
      '/etc/alpine-release',
      readFileSync(testdata('fixtures/apk/alpine-3.10/alpine-release')),
    );
    expect(ar).toEqual({ family: 'alpine', release: '3.10.4' });
  });

  it('give an empty release for os-release without VERSION_ID and a codename from debian_version', async () => {
    expect(await detect('/usr/lib/os-release', 'ID=debian\nVERSION_CODENAME=trixie\n')).toEqual({
      family: 'debian',
      release: '',
      codename: 'trixie',
    });
    expect(await detect('/etc/debian_version', 'trixie/sid\n')).toEqual({
      family: 'debian',
      release: 'trixie/sid',
      codename: 'trixie',
    });
  });

  it('read a CentOS release file', async () => {
    expect(await detect('/etc/centos-release', 'CentOS Linux release 7.9.2009 (Core)\n')).toEqual({
      family: 'centos',
      release: '7.9.2009',
      name: 'CentOS Linux release 7.9.2009 (Core)',
      codename: 'Core',
    });
  });

  it('throw a named error on garbage instead of inventing an OS', async () => {
    await expect(detect('/etc/alpine-release', Buffer.from([0xff, 0xfe, 0x00, 0x01]))).rejects.toThrow(
      /\/etc\/alpine-release/,
    );
  });
});

describe('resolveOs', () => {
  const alpineOsRelease = {
    path: '/etc/os-release',
    os: { family: 'alpine', release: '3.10', name: 'Alpine Linux v3.10' },
  };

  it('returns undefined for no candidates', () => {
    expect(resolveOs([])).toBeUndefined();
  });

  it('prefers alpine-release for the Alpine version, in any order', () => {
    const ar = { path: '/etc/alpine-release', os: { family: 'alpine', release: '3.10.4' } };
    const expected = { family: 'alpine', release: '3.10.4', name: 'Alpine Linux v3.10' };
    expect(resolveOs([alpineOsRelease, ar])).toEqual(expected);
    expect(resolveOs([ar, alpineOsRelease])).toEqual(expected);
  });

  it('keeps VERSION_ID over debian_version, but fills a missing one from it', () => {
    const dv = { path: '/etc/debian_version', os: { family: 'debian', release: '12.4' } };
    const bookworm = {
      path: '/etc/os-release',
      os: { family: 'debian', release: '12', codename: 'bookworm' },
    };
    expect(resolveOs([dv, bookworm])).toEqual({ family: 'debian', release: '12', codename: 'bookworm' });
    const sid = { path: '/etc/os-release', os: { family: 'debian', release: '', codename: 'trixie' } };
    const sidDv = {
      path: '/etc/debian_version',
      os: { family: 'debian', release: 'trixie/sid', codename: 'trixie' },
    };
    expect(resolveOs([sid, sidDv])).toEqual({ family: 'debian', release: 'trixie/sid', codename: 'trixie' });
  });

  it('lets os-release decide the family: Ubuntu is not Debian', () => {
    const ubuntu = { path: '/etc/os-release', os: { family: 'ubuntu', release: '22.04', codename: 'jammy' } };
    const dv = {
      path: '/etc/debian_version',
      os: { family: 'debian', release: 'bookworm/sid', codename: 'bookworm' },
    };
    expect(resolveOs([dv, ubuntu])).toEqual({ family: 'ubuntu', release: '22.04', codename: 'jammy' });
  });

  it('takes the more precise CentOS release only when it refines os-release', () => {
    const osr = {
      path: '/etc/os-release',
      os: { family: 'centos', release: '7', name: 'CentOS Linux 7 (Core)' },
    };
    const cr = {
      path: '/etc/centos-release',
      os: { family: 'centos', release: '7.9.2009', codename: 'Core' },
    };
    expect(resolveOs([cr, osr])).toEqual({
      family: 'centos',
      release: '7.9.2009',
      name: 'CentOS Linux 7 (Core)',
      codename: 'Core',
    });
    const stale = { path: '/etc/centos-release', os: { family: 'centos', release: '6.10' } };
    expect(resolveOs([osr, stale])?.release).toBe('7');
  });

  it('prefers /etc/os-release over /usr/lib/os-release, and falls back to a release file alone', () => {
    const usr = { path: '/usr/lib/os-release', os: { family: 'fedora', release: '38' } };
    const etc = { path: '/etc/os-release', os: { family: 'fedora', release: '39' } };
    expect(resolveOs([usr, etc])?.release).toBe('39');
    const rocky = { path: '/etc/rocky-release', os: { family: 'rocky', release: '9.3' } };
    expect(resolveOs([rocky])).toEqual({ family: 'rocky', release: '9.3' });
  });
});
