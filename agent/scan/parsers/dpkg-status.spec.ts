import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  dpkgInfoFileOwner,
  isInstalledStatus,
  parseDeb822,
  parseDpkgMd5sums,
  parseDpkgStatus,
} from './dpkg-status';

const fixture = (...p: string[]): string =>
  readFileSync(path.resolve(__dirname, '../../../test/fixtures/ospkg/dpkg', ...p), 'utf8');

describe('parseDpkgStatus on the crafted status file', () => {
  const records = parseDpkgStatus(fixture('status'));

  it('keeps every stanza that has Package and Version, with its installed state', () => {
    expect(records.map((r) => [r.name, r.architecture, r.installed])).toEqual([
      ['base-files', 'amd64', true],
      ['bash', 'amd64', true],
      ['exim4-config', 'all', false],
      ['libc6', 'amd64', true],
      ['libc6', 'i386', true],
      ['libcap2', 'amd64', true],
      ['tzdata', 'all', true],
      ['libssl3', 'amd64', false],
    ]);
  });

  it('reads Source with a version (binNMU) and without one', () => {
    const bash = records.find((r) => r.name === 'bash');
    expect(bash).toMatchObject({
      version: '5.2.15-2+b8',
      sourceName: 'bash',
      sourceVersion: '5.2.15-2',
      multiArch: 'foreign',
    });
    const libc = records.find((r) => r.name === 'libc6');
    expect(libc).toMatchObject({ sourceName: 'glibc', sourceVersion: '2.36-9+deb12u7', multiArch: 'same' });
  });

  it('defaults the source to the package itself and keeps the epoch in the version', () => {
    expect(records.find((r) => r.name === 'libcap2')).toMatchObject({
      version: '1:2.66-4',
      sourceName: 'libcap2',
      sourceVersion: '1:2.66-4',
    });
  });

  it('joins continuation lines and does not mistake them for fields', () => {
    const stanza = parseDeb822(fixture('status'))[1];
    expect(stanza.get('description')).toBe(
      'GNU Bourne Again SHell\nBash is an sh-compatible command language interpreter that executes\n' +
        'commands read from the standard input or from a file.\n.\n' +
        'The Programmable Completion Code, by Ian Macdonald, is now found in\nthe bash-completion package.',
    );
    expect(records.find((r) => r.name === 'bash')?.summary).toBe('GNU Bourne Again SHell');
    expect(parseDeb822(fixture('status'))[0].get('conffiles')?.split('\n')).toHaveLength(4);
  });

  it('keeps the Status text for later checks', () => {
    expect(records.find((r) => r.name === 'exim4-config')?.status).toBe('deinstall ok config-files');
    expect(records.find((r) => r.name === 'tzdata')?.status).toBe('hold ok installed');
  });
});

describe('parseDpkgStatus on status.d files', () => {
  it('treats stanzas without Status as installed only when told to', () => {
    const installed = parseDpkgStatus(fixture('status.d/netbase'), { assumeInstalled: true });
    expect(installed.map((r) => [r.name, r.version, r.installed])).toEqual([
      ['netbase', '6.4', true],
      ['tzdata', '2024a-0+deb12u1', true],
    ]);
    expect(parseDpkgStatus(fixture('status.d/netbase'))[0].installed).toBe(false);
  });
});

describe('isInstalledStatus', () => {
  it.each([
    ['install ok installed', true],
    ['hold ok installed', true],
    ['install ok triggers-pending', true],
    ['deinstall ok config-files', false],
    ['install ok half-installed', false],
    ['purge ok not-installed', false],
    ['', false],
  ])('%s → %s', (status, expected) => {
    expect(isInstalledStatus(status)).toBe(expected);
  });
});

describe('parseDpkgStatus hostile input', () => {
  it('drops stanzas without Package or Version and skips malformed lines', () => {
    const text =
      'Version: 1.0\nStatus: install ok installed\n\nnot a field line\n continuation of nothing\nPackage: ok\nVersion: 2\n\n';
    expect(parseDpkgStatus(text).map((r) => r.name)).toEqual(['ok']);
    expect(parseDeb822(text)[1].size).toBe(2);
  });

  it('takes only the first line of single-line fields', () => {
    const [r] = parseDpkgStatus(
      'Package: ok\n injected: line\nVersion: 2\n\t-r1\nStatus: install ok installed\n',
    );
    expect(r).toMatchObject({ name: 'ok', version: '2', installed: true });
  });

  it('splits an arch suffix off the name and handles CRLF', () => {
    const [r] = parseDpkgStatus(
      'Package: libc6:arm64\r\nVersion: 2.36-9\r\nStatus: install ok installed\r\n',
    );
    expect(r).toMatchObject({ name: 'libc6', architecture: 'arm64', version: '2.36-9' });
  });

  it('refuses binary garbage with a named error', () => {
    expect(() => parseDpkgStatus('Package: x\n\u0000\u0001', { label: '/var/lib/dpkg/status' })).toThrow(
      '/var/lib/dpkg/status: binary data (NUL byte at offset 11)',
    );
  });

  it('survives a 50 MB line and returns nothing for empty input', () => {
    expect(parseDpkgStatus('')).toEqual([]);
    const big =
      'Package: big\nStatus: install ok installed\nVersion: 1\nDescription: ' +
      'y'.repeat(50 * 1024 * 1024) +
      '\n';
    const records = parseDpkgStatus(big + '\n' + 'z'.repeat(50 * 1024 * 1024));
    expect(records.map((r) => r.name)).toEqual(['big']);
  });
});

describe('parseDpkgMd5sums', () => {
  it('reads the crafted status.d list and makes paths absolute', () => {
    expect(parseDpkgMd5sums(fixture('status.d/libssl3.md5sums'))).toEqual([
      { md5: '6b2f4f3a0c2fda2e0e2c6b8a1d8e1b6f', path: '/usr/lib/x86_64-linux-gnu/libssl.so.3' },
      { md5: 'a9a1c3b5d7e9f1a3c5e7a9b1d3f5a7c9', path: '/usr/share/doc/libssl3/changelog.Debian.gz' },
    ]);
  });
  it('keeps spaces inside file names and lowercases the hash', () => {
    expect(parseDpkgMd5sums('D41D8CD98F00B204E9800998ECF8427E  usr/share/a b.txt\n')).toEqual([
      { md5: 'd41d8cd98f00b204e9800998ecf8427e', path: '/usr/share/a b.txt' },
    ]);
  });
  it('throws on a malformed line, naming the file and the line', () => {
    expect(() =>
      parseDpkgMd5sums('d41d8cd98f00b204e9800998ecf8427e  ok\nnot-a-hash  x\n', 'libc6:amd64.md5sums'),
    ).toThrow('libc6:amd64.md5sums: line 2 is not "<md5>  <path>": "not-a-hash  x"');
  });
});

describe('dpkgInfoFileOwner', () => {
  it('names the package and arch of info and status.d lists', () => {
    expect(dpkgInfoFileOwner('/var/lib/dpkg/info/libc6:amd64.md5sums')).toEqual({
      name: 'libc6',
      arch: 'amd64',
    });
    expect(dpkgInfoFileOwner('/var/lib/dpkg/info/bash.md5sums')).toEqual({ name: 'bash' });
    expect(dpkgInfoFileOwner('/var/lib/dpkg/status.d/libssl3.md5sums')).toEqual({ name: 'libssl3' });
    expect(dpkgInfoFileOwner('/var/lib/dpkg/info/bash.list')).toBeUndefined();
    expect(dpkgInfoFileOwner('/var/lib/dpkg/info/x/y.md5sums')).toBeUndefined();
  });
});
