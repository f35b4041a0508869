import { describe, it, expect } from 'vitest';
import { parsePnpmLock } from './lang-pnpm';

const ids = (rs: { name: string; version: string }[]): string[] =>
  rs.map((r) => `${r.name}@${r.version}`).sort();

const V5 = `lockfileVersion: 5.4

specifiers:
  minimist: 1.2.5

dependencies:
  minimist: 1.2.5

packages:

  /@babel/code-frame/7.18.6:
    resolution: {integrity: sha512-TDCmlK5eOvH+eH7cdAFlNXeVJqWIQ7gW9tY1GJIpUtFb6CmjVyq2VM3u71bOyR8CRihcCgMUYoDNyLXao3+70Q==}
    engines: {node: '>=6.9.0'}
    dev: true

  /minimist/1.2.5:
    resolution: {integrity: sha512-FM9nNUYrRBAELZQT3xeZQ7fmMOBg6nWNmJKTcgsJeaLstP/UODVpGsr5OhXhhXg6f+qtJ8uiZ+PUxkDWcgIXLw==}

  /react-dom/18.2.0_react@18.2.0:
    resolution: {integrity: sha512-x}
    peerDependencies:
      react: ^18.2.0

  github.com/user/repo/0123456789abcdef:
    resolution: {tarball: https://example.invalid/repo.tgz}
    version: 1.0.0
`;

const V6 = `lockfileVersion: '6.0'

dependencies:
  minimist:
    specifier: 1.2.5
    version: 1.2.5

packages:

  /@babel/code-frame@7.18.6:
    resolution: {integrity: sha512-x}
    dev: true

  /minimist@1.2.5:
    resolution: {integrity: sha512-x}

  /react-dom@18.2.0(react@18.2.0):
    resolution: {integrity: sha512-x}
`;

const V9 = `lockfileVersion: '9.0'

importers:

  .:
    dependencies:
      minimist:
        specifier: 1.2.5
        version: 1.2.5

packages:

  '@babel/code-frame@7.18.6':
    resolution: {integrity: sha512-x}

  minimist@1.2.5:
    resolution: {integrity: sha512-x}

  react-dom@18.2.0:
    resolution: {integrity: sha512-x}

snapshots:

  react-dom@18.2.0(react@18.2.0):
    dependencies:
      react: 18.2.0

  not-in-packages@9.9.9: {}
`;

const EXPECTED = ['@babel/code-frame@7.18.6', 'minimist@1.2.5', 'react-dom@18.2.0'];

describe('parsePnpmLock', () => {
  it('v5 slash keys, with peer suffixes and non-registry keys dropped', () => {
    expect(ids(parsePnpmLock(V5, 'p'))).toEqual(EXPECTED);
  });

  it('v6 name@version keys with parenthesised peers', () => {
    expect(ids(parsePnpmLock(V6, 'p'))).toEqual(EXPECTED);
  });

  it('v9 reads only the packages section, not snapshots', () => {
    expect(ids(parsePnpmLock(V9, 'p'))).toEqual(EXPECTED);
  });

  it('rejects input without lockfileVersion (garbage, JSON, 10 MB line)', () => {
    expect(() => parsePnpmLock('\u0000\u00ff garbage', '/app/pnpm-lock.yaml')).toThrow(
      /\/app\/pnpm-lock.yaml: no lockfileVersion/,
    );
    expect(() => parsePnpmLock('{"packages": 1}', 'p')).toThrow(/no lockfileVersion/);
    expect(() => parsePnpmLock('a'.repeat(10 * 1024 * 1024), 'p')).toThrow(/no lockfileVersion/);
  });

  it('truncated in the middle of packages keeps what was complete', () => {
    expect(ids(parsePnpmLock(V6.slice(0, V6.indexOf('/react-dom') + 5), 'p'))).toEqual([
      '@babel/code-frame@7.18.6',
      'minimist@1.2.5',
    ]);
  });
});
