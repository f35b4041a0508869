import { describe, it, expect } from 'vitest';
import { parseComposerInstalled, parseComposerLock } from './lang-php';

const ids = (rs: { name: string; version: string }[]): string[] =>
  rs.map((r) => `${r.name}@${r.version}`).sort();

describe('parseComposerLock', () => {
  it('reads packages and packages-dev with licenses', () => {
    const lock = {
      'content-hash': 'x',
      packages: [{ name: 'guzzlehttp/guzzle', version: '7.8.0', license: ['MIT'] }],
      'packages-dev': [{ name: 'phpunit/phpunit', version: '10.4.2', license: ['BSD-3-Clause'] }],
    };
    const recs = parseComposerLock(JSON.stringify(lock), 'composer.lock');
    expect(ids(recs)).toEqual(['guzzlehttp/guzzle@7.8.0', 'phpunit/phpunit@10.4.2']);
    expect(recs[0].licenses).toEqual(['MIT']);
  });

  it('wrong types: packages as a string is an error; entries with a numeric version are skipped', () => {
    expect(() => parseComposerLock('{"packages":"guzzle"}', '/app/composer.lock')).toThrow(
      /\/app\/composer.lock "packages": expected an array/,
    );
    expect(parseComposerLock('{"packages":[{"name":"a/b","version":1},null]}', 'c')).toEqual([]);
    expect(() => parseComposerLock('{"packages":[', 'c')).toThrow(/c: not valid JSON/);
  });
});

describe('parseComposerInstalled', () => {
  it('reads the v1 array and the v2 object shape', () => {
    const v1 = [{ name: 'monolog/monolog', version: '1.27.1', license: ['MIT'] }];
    const v2 = { packages: [{ name: 'monolog/monolog', version: '3.5.0' }], dev: true };
    expect(ids(parseComposerInstalled(JSON.stringify(v1), 'i'))).toEqual(['monolog/monolog@1.27.1']);
    expect(ids(parseComposerInstalled(JSON.stringify(v2), 'i'))).toEqual(['monolog/monolog@3.5.0']);
  });

  it('rejects a document that is neither shape', () => {
    expect(() => parseComposerInstalled('{"packages": {"a": 1}}', '/v/installed.json')).toThrow(
      /\/v\/installed.json: expected an array/,
    );
    expect(() => parseComposerInstalled('42', 'i')).toThrow(/expected an array/);
  });
});
