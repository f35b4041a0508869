import { describe, expect, it } from 'vitest';
import { apk } from './apk';
import { dpkg } from './dpkg';
import { pep440 } from './pep440';
import { parseRangeExpression, satisfiesRangeExpression, VersionRangeError } from './range';
import { semver } from './semver';

describe('satisfiesRangeExpression', () => {
  const expr = '>=1.0.0 <1.2.3 || =2.0.0';
  it.each([
    ['0.9.9', false],
    ['1.0.0', true],
    ['1.2.2', true],
    ['1.2.3-rc.1', true],
    ['1.2.3', false],
    ['1.9.0', false],
    ['2.0.0', true],
    ['v2.0', true],
    ['2.0.1', false],
  ])(`${expr} on %s is %s`, (version, want) => {
    expect(satisfiesRangeExpression(version, expr, semver)).toBe(want);
  });

  it('supports every comparator, == as =, a bare version as =, and operators written apart', () => {
    expect(satisfiesRangeExpression('1.5', '>1.0 <=1.5', pep440)).toBe(true);
    expect(satisfiesRangeExpression('1.5', '>1.5', pep440)).toBe(false);
    expect(satisfiesRangeExpression('1.5', '!=1.5.0', pep440)).toBe(false);
    expect(satisfiesRangeExpression('1.6', '!=1.5.0', pep440)).toBe(true);
    expect(satisfiesRangeExpression('1.5', '==1.5.0', pep440)).toBe(true);
    expect(satisfiesRangeExpression('1.5', '1.5', pep440)).toBe(true);
    expect(satisfiesRangeExpression('1.5', '>= 1.0   < 2.0', pep440)).toBe(true);
    expect(satisfiesRangeExpression('1.5', '  <1.0||>=1.5  ', pep440)).toBe(true);
  });

  it('compares with the given scheme', () => {
    expect(satisfiesRangeExpression('1:0.9-1', '>=2.0', dpkg)).toBe(true);
    expect(satisfiesRangeExpression('1.0~rc1-1', '<1.0-1', dpkg)).toBe(true);
    expect(satisfiesRangeExpression('1.1.1d-r2', '<1.1.1d-r3', apk)).toBe(true);
    expect(satisfiesRangeExpression('1.1.1d-r3', '<1.1.1d-r3', apk)).toBe(false);
  });

  it('parses into alternatives of comparators', () => {
    expect(parseRangeExpression('>=1.0.0 <1.2.3 || =2.0.0', semver)).toEqual([
      [
        { op: '>=', version: '1.0.0' },
        { op: '<', version: '1.2.3' },
      ],
      [{ op: '=', version: '2.0.0' }],
    ]);
  });

  it.each([
    ['', /is empty/],
    ['   ', /is empty/],
    ['>=1.0 ||', /empty alternative/],
    ['|| <2.0', /empty alternative/],
    ['>=1.0 || || <3.0', /empty alternative/],
    ['>=', /operator ">=" has no version/],
    ['>= <2.0', /operator ">=" has no version/],
    ['=>1.0', /version ">1.0" is not a valid semver version/],
    ['>=abc', /version "abc" is not a valid semver version/],
    ['1.0 | 2.0', /version "\|" is not a valid semver version/],
    ['~1.2', /not a valid semver version/],
    ['>=1.0\0', /not a valid semver version/],
  ])('rejects the malformed expression %j', (bad, message) => {
    expect(() => satisfiesRangeExpression('1.0.0', bad, semver)).toThrow(VersionRangeError);
    expect(() => satisfiesRangeExpression('1.0.0', bad, semver)).toThrow(message);
  });

  it('rejects an invalid version to test and survives huge input', () => {
    expect(() => satisfiesRangeExpression('banana', '>=1.0', semver)).toThrow(
      /version "banana" is not a valid semver version/,
    );
    const huge = Array.from({ length: 2_000 }, (_, i) => `>=${i}.0.0`).join(' ');
    expect(satisfiesRangeExpression('1999.0.0', huge, semver)).toBe(true);
    expect(() => satisfiesRangeExpression('1.0.0', '>='.repeat(5_000), semver)).toThrow(VersionRangeError);
    expect(() => satisfiesRangeExpression('1.0.0', '|'.repeat(10_001), semver)).toThrow(VersionRangeError);
  });
});
