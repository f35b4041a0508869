import { describe, it, expect } from 'vitest';
import { parseInstalledPackageJson, parsePackageLock } from './lang-npm';

const ids = (rs: { name: string; version: string }[]): string[] =>
  rs.map((r) => `${r.name}@${r.version}`).sort();

describe('parseInstalledPackageJson', () => {
  it('reads name, version and every license shape', () => {
    expect(parseInstalledPackageJson('{"name":"ip","version":"1.1.8","license":"MIT"}', 'p')).toEqual({
      name: 'ip',
      version: '1.1.8',
      licenses: ['MIT'],
    });
    const old = parseInstalledPackageJson(
      '{"name":"x","version":"1.0.0","license":{"type":"BSD"},"licenses":[{"type":"MIT"},"ISC"]}',
      'p',
    );
    expect(old?.licenses).toEqual(['BSD', 'MIT', 'ISC']);
  });

  it('returns undefined without a usable version (number instead of string)', () => {
    expect(parseInstalledPackageJson('{"name":"x","version":1}', 'p')).toBeUndefined();
  });

  it('names the file on truncated JSON and non-object JSON', () => {
    expect(() => parseInstalledPackageJson('{"name":"x","vers', '/a/package.json')).toThrow(
      /\/a\/package.json: not valid JSON/,
    );
    expect(() => parseInstalledPackageJson('[1,2]', '/a/package.json')).toThrow(/not a JSON object/);
  });
});

describe('parsePackageLock', () => {
  it('v1: walks nested dependencies and resolves npm: aliases, skipping git and file specs', () => {
    const lock = {
      lockfileVersion: 1,
      dependencies: {
        mkdirp: { version: '0.5.1', dependencies: { minimist: { version: '0.0.8' } } },
        minimist: { version: '1.2.5' },
        'strip-ansi-cjs': { version: 'npm:strip-ansi@6.0.1' },
        mine: { version: 'file:../mine' },
        forked: { version: 'git+https://example.invalid/x.git#abc' },
      },
    };
    expect(ids(parsePackageLock(JSON.stringify(lock), 'l'))).toEqual([
      'minimist@0.0.8',
      'minimist@1.2.5',
      'mkdirp@0.5.1',
      'strip-ansi@6.0.1',
    ]);
  });

  it('v2/v3: reads packages keys, skips the root, links and workspace folders', () => {
    const lock = {
      lockfileVersion: 3,
      packages: {
        '': { name: 'app', version: '1.0.0' },
        'node_modules/@scope/pkg': { version: '2.0.0', license: 'MIT' },
        'node_modules/a/node_modules/semver': { version: '5.7.1' },
        'node_modules/ws-local': { resolved: 'packages/ws-local', link: true },
        'packages/ws-local': { name: 'ws-local', version: '0.1.0' },
        'node_modules/alias': { name: 'real-name', version: '3.0.0' },
      },
      dependencies: { ignored: { version: '9.9.9' } },
    };
    const recs = parsePackageLock(JSON.stringify(lock), 'l');
    expect(ids(recs)).toEqual(['@scope/pkg@2.0.0', 'real-name@3.0.0', 'semver@5.7.1']);
    expect(recs.find((r) => r.name === '@scope/pkg')?.licenses).toEqual(['MIT']);
  });

  it('wrong types: packages as a string is an error; bad entries are skipped', () => {
    expect(() => parsePackageLock('{"packages":"node_modules/x"}', '/app/package-lock.json')).toThrow(
      /\/app\/package-lock.json: "packages" is not an object/,
    );
    const lock = {
      packages: {
        'node_modules/a': { version: 7 },
        'node_modules/b': 'x',
        'node_modules/c': { version: '1.0.0' },
      },
    };
    expect(ids(parsePackageLock(JSON.stringify(lock), 'l'))).toEqual(['c@1.0.0']);
  });

  it('survives a v1 lockfile nested far deeper than any real one', () => {
    // Built as text: JSON.stringify itself would overflow on an object this deep.
    const n = 5000;
    const text = `{"lockfileVersion":1,"dependencies":${'{"d":{"version":"1.0.0","dependencies":'.repeat(n)}{}${'}}'.repeat(n)}}`;
    const recs = parsePackageLock(text, 'l');
    expect(recs).toEqual([{ name: 'd', version: '1.0.0', licenses: [] }]);
  });

  it('names the file for truncated and garbage input', () => {
    expect(() => parsePackageLock('{"lockfileVersion": 3, "packages": {', 'lock')).toThrow(
      /lock: not valid JSON/,
    );
    expect(() => parsePackageLock('\u0000\u0001\u00ff', 'lock')).toThrow(/lock: not valid JSON/);
  });
});
