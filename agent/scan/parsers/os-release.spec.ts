import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { testdata } from '../../../test/setup/testdata';
import {
  parseAlpineRelease,
  parseDebianVersion,
  parseOsRelease,
  parseOsReleaseFields,
  parseRedHatRelease,
} from './os-release';

const read = (...p: string[]): string => readFileSync(testdata(...p), 'utf8');

describe('parseOsRelease', () => {
  it('reads the real Alpine 3.10 os-release', () => {
    expect(parseOsRelease(read('fixtures/apk/alpine-3.10/os-release'))).toEqual({
      id: 'alpine',
      versionId: '3.10.4',
      prettyName: 'Alpine Linux v3.10',
    });
  });

  it('reads a Debian 12 os-release with quoted and bare values', () => {
    const text = [
      'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"',
      'NAME="Debian GNU/Linux"',
      'VERSION_ID="12"',
      'VERSION_CODENAME=bookworm',
      'ID=debian',
    ].join('\n');
    expect(parseOsRelease(text)).toEqual({
      id: 'debian',
      versionId: '12',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
      codename: 'bookworm',
    });
  });

  it('has no versionId on Debian testing and takes UBUNTU_CODENAME when VERSION_CODENAME is absent', () => {
    expect(
      parseOsRelease('PRETTY_NAME="Debian GNU/Linux trixie/sid"\nID=debian\nVERSION_CODENAME=trixie\n'),
    ).toEqual({
      id: 'debian',
      prettyName: 'Debian GNU/Linux trixie/sid',
      codename: 'trixie',
    });
    expect(parseOsRelease('ID=ubuntu\nVERSION_ID="22.04"\nUBUNTU_CODENAME=jammy').codename).toBe('jammy');
  });

  it('handles single quotes, escapes, comments, CRLF and lowercases ID', () => {
    const fields = parseOsReleaseFields(
      '# comment\r\nID=\'RHEL\'\r\nNAME="A \\"B\\" \\$C"\r\nnot a line\r\n',
    );
    expect(fields).toEqual({ ID: 'RHEL', NAME: 'A "B" $C' });
    expect(parseOsRelease('ID=\'RHEL\'\nVERSION_ID="8.9"').id).toBe('rhel');
  });

  it('rejects a file without ID, binary garbage and a huge file, naming the input', () => {
    expect(() => parseOsRelease('NAME=x\n', '/etc/os-release')).toThrow('/etc/os-release: no ID= line');
    expect(() => parseOsRelease('ID=a\0\x01\x02', '/etc/os-release')).toThrow(/NUL bytes/);
    expect(() => parseOsRelease('ID=a\n' + 'x'.repeat(200_000), '/etc/os-release')).toThrow(/too large/);
  });
});

describe('parseAlpineRelease', () => {
  it('reads the real files, including one without a trailing newline', () => {
    expect(parseAlpineRelease(read('fixtures/apk/alpine-3.10/alpine-release'))).toBe('3.10.4');
    expect(parseAlpineRelease(read('fixtures/apk/alpine-3.11/alpine-release'))).toBe('3.11.5');
    expect(parseAlpineRelease(read('fixtures/apk/alpine-3.17-minimal-aarch64/alpine-release'))).toBe(
      '3.17.5',
    );
    expect(parseAlpineRelease('3.19_alpha20230901\n')).toBe('3.19_alpha20230901');
  });
  it('rejects empty and non-version content', () => {
    expect(() => parseAlpineRelease('', '/etc/alpine-release')).toThrow(/alpine-release: expected a version/);
    expect(() => parseAlpineRelease('hello world')).toThrow(/"hello world"/);
  });
});

describe('parseDebianVersion', () => {
  it('reads point releases and testing/sid forms', () => {
    expect(parseDebianVersion('12.4\n')).toEqual({ release: '12.4' });
    expect(parseDebianVersion('trixie/sid\n')).toEqual({ release: 'trixie/sid', codename: 'trixie' });
  });
  it('rejects garbage', () => {
    expect(() => parseDebianVersion('\x7fELF\x02\x01', '/etc/debian_version')).toThrow(
      /debian_version: expected/,
    );
    expect(() => parseDebianVersion('')).toThrow(/expected/);
  });
});

describe('parseRedHatRelease', () => {
  it.each([
    ['CentOS Linux release 7.9.2009 (Core)\n', { family: 'centos', release: '7.9.2009', codename: 'Core' }],
    ['Red Hat Enterprise Linux release 8.9 (Ootpa)', { family: 'rhel', release: '8.9', codename: 'Ootpa' }],
    ['Rocky Linux release 9.3 (Blue Onyx)', { family: 'rocky', release: '9.3', codename: 'Blue Onyx' }],
    ['CentOS Stream release 9', { family: 'centos', release: '9' }],
    [
      'AlmaLinux release 9.3 (Shamrock Pearl Kangaroo)',
      { family: 'almalinux', release: '9.3', codename: 'Shamrock Pearl Kangaroo' },
    ],
  ])('%s', (text, expected) => {
    expect(parseRedHatRelease(text)).toMatchObject(expected);
  });
  it('rejects unknown products and malformed lines', () => {
    expect(() => parseRedHatRelease('Foo OS release 1.0')).toThrow(/unknown distribution "Foo OS"/);
    expect(() => parseRedHatRelease('no version here', '/etc/redhat-release')).toThrow(
      /redhat-release: expected/,
    );
  });
});
