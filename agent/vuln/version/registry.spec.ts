import { describe, expect, it } from 'vitest';
import { schemeForEcosystem, versionSchemes } from './registry';

describe('versionSchemes', () => {
  it('keys every scheme by its own name', () => {
    expect(Object.keys(versionSchemes).sort()).toEqual(
      ['apk', 'dpkg', 'golang', 'maven', 'nuget', 'pep440', 'rpm', 'rubygems', 'semver'].sort(),
    );
    for (const [key, scheme] of Object.entries(versionSchemes)) expect(scheme.name).toBe(key);
  });
});

describe('schemeForEcosystem', () => {
  const table: [string, string][] = [
    ['apk', 'apk'],
    ['deb', 'dpkg'],
    ['rpm', 'rpm'],
    ['npm', 'semver'],
    ['pypi', 'pep440'],
    ['golang', 'golang'],
    ['maven', 'maven'],
    ['gem', 'rubygems'],
    ['cargo', 'semver'],
    ['composer', 'semver'],
    ['nuget', 'nuget'],
    ['Alpine', 'apk'],
    ['Alpine:v3.18', 'apk'],
    ['Debian', 'dpkg'],
    ['Debian:12', 'dpkg'],
    ['Ubuntu', 'dpkg'],
    ['Ubuntu:22.04:LTS', 'dpkg'],
    ['PyPI', 'pep440'],
    ['Go', 'golang'],
    ['Maven', 'maven'],
    ['crates.io', 'semver'],
    ['RubyGems', 'rubygems'],
    ['Packagist', 'semver'],
    ['NuGet', 'nuget'],
    ['Red Hat', 'rpm'],
    ['Red Hat:enterprise_linux:9::appstream', 'rpm'],
    ['Rocky Linux', 'rpm'],
    ['Rocky Linux:9', 'rpm'],
    ['AlmaLinux', 'rpm'],
    ['AlmaLinux:8', 'rpm'],
  ];
  it.each(table)('%s -> %s', (ecosystem, scheme) => {
    expect(schemeForEcosystem(ecosystem)?.name).toBe(scheme);
  });

  it('returns undefined for ecosystems without a comparator', () => {
    for (const e of ['generic', 'OSS-Fuzz', 'GIT', '', ':', 'constructor', '__proto__']) {
      expect(schemeForEcosystem(e), e).toBeUndefined();
    }
  });
});
