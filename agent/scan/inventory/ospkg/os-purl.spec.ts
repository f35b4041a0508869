import { describe, it, expect } from 'vitest';
import type { Package } from '../../../model/package';
import { osPackagePurl, withDistro } from './os-purl';

describe('osPackagePurl', () => {
  it('uses the default vendor and no distro before the OS is known', () => {
    expect(osPackagePurl('deb', 'libssl3', '3.0.11-1', 'amd64')).toBe(
      'pkg:deb/debian/libssl3@3.0.11-1?arch=amd64',
    );
    expect(osPackagePurl('apk', 'musl', '1.2.4-r0', 'x86_64')).toBe(
      'pkg:apk/alpine/musl@1.2.4-r0?arch=x86_64',
    );
    expect(osPackagePurl('rpm', 'bash', '5.1.8-6.el9', 'x86_64')).toBe(
      'pkg:rpm/bash@5.1.8-6.el9?arch=x86_64',
    );
    expect(osPackagePurl('deb', 'tzdata', '2024a-0', undefined)).toBe('pkg:deb/debian/tzdata@2024a-0');
  });

  it('matches the documented deb and apk forms once the OS is known', () => {
    expect(osPackagePurl('deb', 'libssl3', '3.0.11-1', 'amd64', { family: 'debian', release: '12' })).toBe(
      'pkg:deb/debian/libssl3@3.0.11-1?arch=amd64&distro=debian-12',
    );
    expect(osPackagePurl('apk', 'musl', '1.2.4-r0', 'x86_64', { family: 'alpine', release: '3.18.4' })).toBe(
      'pkg:apk/alpine/musl@1.2.4-r0?arch=x86_64&distro=3.18.4',
    );
  });

  it('falls back to the codename when the release is empty, and omits distro when neither is known', () => {
    expect(
      osPackagePurl('deb', 'bash', '5.2.21-2', 'amd64', {
        family: 'debian',
        release: '',
        codename: 'trixie',
      }),
    ).toBe('pkg:deb/debian/bash@5.2.21-2?arch=amd64&distro=debian-trixie');
    expect(osPackagePurl('deb', 'bash', '5.2.21-2', 'amd64', { family: 'debian', release: '' })).toBe(
      'pkg:deb/debian/bash@5.2.21-2?arch=amd64',
    );
  });

  it('moves an rpm epoch into a qualifier and maps vendor names', () => {
    expect(
      osPackagePurl('rpm', 'openssl', '1:3.0.7-24.el9', 'x86_64', { family: 'rocky', release: '9.3' }),
    ).toBe('pkg:rpm/rocky/openssl@3.0.7-24.el9?arch=x86_64&distro=rocky-9.3&epoch=1');
    expect(osPackagePurl('rpm', 'glibc', '2.26-63.amzn2', 'x86_64', { family: 'amzn', release: '2' })).toBe(
      'pkg:rpm/amazon/glibc@2.26-63.amzn2?arch=x86_64&distro=amzn-2',
    );
  });
});

describe('withDistro', () => {
  const base: Package = {
    name: 'left-pad',
    version: '1.3.0',
    ecosystem: 'npm',
    purl: 'pkg:npm/left-pad@1.3.0',
    licenses: ['WTFPL'],
    foundIn: '/app/node_modules/left-pad/package.json',
  };
  it('leaves language packages alone and keeps every other field of OS packages', () => {
    expect(withDistro(base, { family: 'debian', release: '12' })).toBe(base);
    const deb: Package = {
      ...base,
      name: 'zlib1g',
      version: '1:1.2.13.dfsg-1',
      ecosystem: 'deb',
      arch: 'amd64',
      purl: 'x',
    };
    expect(withDistro(deb, { family: 'ubuntu', release: '22.04' })).toEqual({
      ...deb,
      purl: 'pkg:deb/ubuntu/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=ubuntu-22.04',
    });
  });
});
