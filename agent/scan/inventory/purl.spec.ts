import { describe, it, expect } from 'vitest';
import { buildPurl, percentEncode } from './purl';

describe('buildPurl known answers', () => {
  const cases: Array<[string, Parameters<typeof buildPurl>[0], string]> = [
    [
      'deb with arch and distro',
      {
        type: 'deb',
        namespace: 'debian',
        name: 'libssl3',
        version: '3.0.11-1',
        qualifiers: { distro: 'debian-12', arch: 'amd64' },
      },
      'pkg:deb/debian/libssl3@3.0.11-1?arch=amd64&distro=debian-12',
    ],
    [
      'deb epoch colon stays, plus is encoded',
      {
        type: 'deb',
        namespace: 'debian',
        name: 'attr',
        version: '1:2.4.47-2+b1',
        qualifiers: { arch: 'amd64' },
      },
      'pkg:deb/debian/attr@1:2.4.47-2%2Bb1?arch=amd64',
    ],
    [
      'apk',
      {
        type: 'apk',
        namespace: 'alpine',
        name: 'musl',
        version: '1.2.4-r0',
        qualifiers: { arch: 'x86_64', distro: '3.18.4' },
      },
      'pkg:apk/alpine/musl@1.2.4-r0?arch=x86_64&distro=3.18.4',
    ],
    [
      'rpm keeps name case, epoch qualifier',
      {
        type: 'rpm',
        namespace: 'Fedora',
        name: 'NetworkManager',
        version: '1.42.2-1.fc38',
        qualifiers: { epoch: '1', arch: 'x86_64' },
      },
      'pkg:rpm/fedora/NetworkManager@1.42.2-1.fc38?arch=x86_64&epoch=1',
    ],
    [
      'npm scoped',
      { type: 'npm', namespace: '@babel', name: 'core', version: '7.0.0' },
      'pkg:npm/%40babel/core@7.0.0',
    ],
    ['npm lowercased', { type: 'npm', name: 'JSONStream', version: '1.3.5' }, 'pkg:npm/jsonstream@1.3.5'],
    [
      'pypi normalised',
      { type: 'pypi', name: 'Django_REST_framework', version: '3.14.0' },
      'pkg:pypi/django-rest-framework@3.14.0',
    ],
    [
      'maven',
      { type: 'maven', namespace: 'org.apache.logging.log4j', name: 'log4j-core', version: '2.14.1' },
      'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
    ],
    [
      'golang module path segments',
      { type: 'golang', namespace: 'github.com/gorilla', name: 'mux', version: 'v1.8.0' },
      'pkg:golang/github.com/gorilla/mux@v1.8.0',
    ],
    ['gem', { type: 'gem', name: 'rails', version: '7.0.4' }, 'pkg:gem/rails@7.0.4'],
    ['cargo', { type: 'cargo', name: 'serde_json', version: '1.0.96' }, 'pkg:cargo/serde_json@1.0.96'],
    [
      'composer lowercased',
      { type: 'composer', namespace: 'Laravel', name: 'Framework', version: 'v10.0.0' },
      'pkg:composer/laravel/framework@v10.0.0',
    ],
    [
      'nuget keeps case',
      { type: 'nuget', name: 'Newtonsoft.Json', version: '13.0.1' },
      'pkg:nuget/Newtonsoft.Json@13.0.1',
    ],
    ['type lowercased, no version', { type: 'NPM', name: 'left-pad' }, 'pkg:npm/left-pad'],
    [
      'qualifiers sorted, empty dropped, values encoded',
      {
        type: 'generic',
        name: 'x',
        version: '1',
        qualifiers: { zeta: 'a b', alpha: 'sha256:ab', empty: '', none: undefined },
      },
      'pkg:generic/x@1?alpha=sha256:ab&zeta=a%20b',
    ],
    [
      'subpath',
      { type: 'golang', namespace: 'google.golang.org', name: 'genproto', subpath: '/googleapis/../api/' },
      'pkg:golang/google.golang.org/genproto#googleapis/api',
    ],
  ];
  it.each(cases)('%s', (_label, parts, expected) => {
    expect(buildPurl(parts)).toBe(expected);
  });
});

describe('percentEncode', () => {
  it('encodes separators and non-ASCII as UTF-8 triplets', () => {
    expect(percentEncode('a/b@c?d#e&f=g+h%')).toBe('a%2Fb%40c%3Fd%23e%26f%3Dg%2Bh%25');
    expect(percentEncode('é')).toBe('%C3%A9');
    expect(percentEncode('1:2.0~rc1')).toBe('1:2.0~rc1');
  });
});

describe('buildPurl hostile input', () => {
  it('rejects an empty name, a bad type and a bad qualifier key with the offending value', () => {
    expect(() => buildPurl({ type: 'deb', name: '  ' })).toThrow(/empty name for type deb/);
    expect(() => buildPurl({ type: '1bad', name: 'x' })).toThrow(/invalid type "1bad"/);
    expect(() => buildPurl({ type: 'deb', name: 'x', qualifiers: { 'a b': '1' } })).toThrow(
      /invalid qualifier key "a b"/,
    );
  });
  it('cannot be broken out of a component by separators in names', () => {
    const purl = buildPurl({ type: 'npm', name: 'evil/../x?y=z#w', version: '1@2' });
    expect(purl).toBe('pkg:npm/evil%2F..%2Fx%3Fy%3Dz%23w@1%402');
    expect(purl.split('/').length).toBe(2);
  });
});
