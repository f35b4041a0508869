import { describe, expect, it } from 'vitest';
import { parseIgnoreFile } from './ignore-file';

describe('ignore file', () => {
  it('reads ids, packages, expiry dates and reasons', () => {
    const text =
      '# team exceptions\nCVE-2023-1234\nCVE-2024-1 package=libssl3 expires=2026-12-31 # vendor fix pending\n* package=zlib1g\n';
    expect(parseIgnoreFile(text, 'ignore.txt')).toEqual([
      { id: 'CVE-2023-1234' },
      { id: 'CVE-2024-1', package: 'libssl3', expires: '2026-12-31', reason: 'vendor fix pending' },
      { id: '*', package: 'zlib1g' },
    ]);
  });

  it('reads the JSON form', () => {
    expect(parseIgnoreFile('[{"id":"GHSA-x","expires":"2027-01-01","reason":"r"}]', 'i.json')).toEqual([
      { id: 'GHSA-x', expires: '2027-01-01', reason: 'r' },
    ]);
  });

  it('names the file and line of a mistake', () => {
    expect(() => parseIgnoreFile('CVE-1\nCVE-2 expires=31/12/2026', 'ig')).toThrow(
      'ig:2: "expires=31/12/2026"',
    );
    expect(() => parseIgnoreFile('*', 'ig')).toThrow('ig:1: "*" needs package=NAME');
    expect(() => parseIgnoreFile('$(rm -rf /)', 'ig')).toThrow('ig:1:');
    expect(() => parseIgnoreFile('[1]', 'ig.json')).toThrow('ig.json[0]: needs an "id" string');
    expect(() => parseIgnoreFile('[{"id":', 'ig.json')).toThrow('ig.json: not valid JSON');
  });
});
