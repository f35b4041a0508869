import { describe, it, expect } from 'vitest';
import { alpineBranch, debianRelease, normalisePackageName, osLocation, osvEcosystem } from './ecosystem';

describe('ecosystem keys', () => {
  it('meets Debian codenames, numbers and point releases at one key', () => {
    expect(['bookworm', '12', '12.4', 'trixie/sid', 'sid', '', '!!'].map(debianRelease)).toEqual([
      '12',
      '12',
      '12',
      '13',
      'sid',
      undefined,
      undefined,
    ]);
    expect(osvEcosystem('Debian:12')).toEqual({ ecoKey: 'deb:debian:12', distro: 'debian', release: '12' });
    expect(osLocation('debian', '', 'bookworm')?.ecoKey).toBe('deb:debian:12');
  });
  it('takes the Alpine branch from any release spelling', () => {
    expect(['v3.10', '3.10.4', '3.21_alpha20240807', 'edge', 'garbage'].map(alpineBranch)).toEqual([
      '3.10',
      '3.10',
      '3.21',
      'edge',
      undefined,
    ]);
    expect(osvEcosystem('Alpine:v3.18').ecoKey).toBe('apk:alpine:3.18');
    expect(osvEcosystem('Ubuntu:22.04:LTS').ecoKey).toBe('deb:ubuntu:22.04');
  });
  it('maps OSV language ecosystems and keeps unknown ones apart', () => {
    expect(
      ['npm', 'PyPI', 'Go', 'crates.io', 'RubyGems', 'Packagist', 'NuGet', 'Maven'].map(
        (e) => osvEcosystem(e).ecoKey,
      ),
    ).toEqual(['npm', 'pypi', 'golang', 'cargo', 'gem', 'composer', 'nuget', 'maven']);
    expect(osvEcosystem('OSS-Fuzz').ecoKey).toBe('osv:oss-fuzz');
    expect(osLocation('rhel', '9')).toBeUndefined();
  });
  it('folds names per registry rules', () => {
    expect(normalisePackageName('pypi', 'Zope.Interface__x')).toBe('zope-interface-x');
    expect(normalisePackageName('npm', 'Left-Pad')).toBe('left-pad');
    expect(normalisePackageName('cargo', 'Serde_JSON')).toBe('serde-json');
    expect(normalisePackageName('gem', 'Rails')).toBe('Rails');
    expect(normalisePackageName('apk:alpine:3.10', 'py3-Foo')).toBe('py3-Foo');
  });
});
