import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maven } from './maven';
import { checkOrderLaws, expectAscending, expectEqual } from './order-properties';

describe('Maven ComparableVersion known answers', () => {
  it('orders the documented qualifiers', () => {
    expectAscending(maven, ['1-alpha', '1-beta', '1-milestone', '1-rc', '1-snapshot', '1', '1-sp']);
    expectEqual(maven, '1-rc', '1-cr');
  });

  it('treats trailing null values as absent', () => {
    for (const v of [
      '1.0',
      '1.0.0',
      '1-0',
      '1.0-0',
      '1.ga',
      '1-ga',
      '1-final',
      '1-release',
      '1GA',
      '1FINAL',
    ]) {
      expectEqual(maven, '1', v);
    }
  });

  it('follows the version order specification examples', () => {
    expectAscending(maven, ['1', '1.1']);
    expectAscending(maven, ['1-foo2', '1-foo10']);
    expectAscending(maven, ['1-foo', '1-1', '1.1']);
    expectAscending(maven, ['1-ga', '1-sp']);
    expectAscending(maven, ['1-ga.1', '1-sp.1']);
    expectAscending(maven, ['1-sp-1', '1-ga-1']);
    expectEqual(maven, '1-a1', '1-alpha-1');
    expectEqual(maven, '1.0-alpha1', '1.0-ALPHA1');
    expectAscending(maven, ['1.K', '1.7']);
    expectAscending(maven, ['5.aardvark', '5.zebra']);
  });

  it('orders the qualifier and number sequences of the Maven test suite', () => {
    expectAscending(maven, [
      '1-alpha2snapshot',
      '1-alpha2',
      '1-alpha-123',
      '1-beta-2',
      '1-beta123',
      '1-m2',
      '1-m11',
      '1-rc',
      '1-cr2',
      '1-rc123',
      '1-SNAPSHOT',
      '1',
      '1-sp',
      '1-sp2',
      '1-sp123',
      '1-abc',
      '1-def',
      '1-pom-1',
      '1-1-snapshot',
      '1-1',
      '1-2',
      '1-123',
    ]);
    expectAscending(maven, [
      '2.0',
      '2-1',
      // The suite has 2.0.a < 2.0.0.a here, above 2-1; we read a zero before a qualifier as absent (see maven.ts).
      '2.0.2',
      '2.0.123',
      '2.1.0',
      '2.1-a',
      '2.1b',
      '2.1-c',
      '2.1-1',
      '2.1.0.1',
      '2.2',
      '2.123',
      '11.a2',
      '11.a11',
      '11.b2',
      '11.b11',
      '11.m2',
      '11.m11',
      '11',
      '11.a',
      '11b',
      '11c',
      '11m',
    ]);
  });

  it('orders real release trains', () => {
    expectAscending(maven, ['2.9.10.7', '2.9.10.8', '2.10.0', '2.10.0.pr1', '2.10.1', '2.12.7.1', '2.13.0']);
    expectAscending(maven, ['5.0.0.CR1', '5.0.0.Final', '5.0.1.Final']);
    expectAscending(maven, ['4.0.0.RC1', '4.0.0.RELEASE', '4.0.1.RELEASE']);
    expectEqual(maven, '5.3.0.RC1', '5.3.RC1');
    expectAscending(maven, ['5.3.0-M1', '5.3.0-RC1', '5.3.0', '5.3.18']);
    expectAscending(maven, ['1.0-alpha-1', '1.0-alpha-2', '1.0-beta-1', '1.0']);
    expectAscending(maven, ['1.0-SNAPSHOT', '1.0', '1.0-1', '1.0-2', '2.0-1', '2.0.1']);
  });

  it('accepts Maven versions and rejects others', () => {
    for (const v of ['1', '2.13.4.2', '5.3.0-RC1', '1.0-alpha-1-SNAPSHOT', '9.4.51.v20230217', '1_2'])
      expect(maven.valid(v), v).toBe(true);
    for (const v of ['', '-1', '.1', '1.0 final', '1.0/2', 'é1']) expect(maven.valid(v), v).toBe(false);
    expect(maven.valid('1-'.repeat(300) + '1')).toBe(true);
  });
});

const tok = fc.constantFrom(
  '0',
  '1',
  '2',
  '10',
  'alpha',
  'a1',
  'b',
  'rc',
  'cr',
  'snapshot',
  'ga',
  'final',
  'sp',
  'foo',
  'x',
);
const mavenVersion = fc
  .tuple(
    fc.constantFrom('1', '2', '0'),
    fc.array(fc.tuple(fc.constantFrom('.', '-', ''), tok), { maxLength: 4 }),
  )
  .map(([h, rest]) => h + rest.map(([s, t]) => s + t).join(''));

describe('maven order laws', () => {
  checkOrderLaws(maven, mavenVersion);
  it("resolves ComparableVersion's own cycle (2.0.rc < 2 < 2-1 < 2.0.rc) in favour of 2.0.rc < 2-1", () => {
    expectAscending(maven, ['2.0.rc', '2', '2-1', '2.0.1']);
  });
  it('treats case and trailing zeros as insignificant', () => {
    fc.assert(fc.property(mavenVersion, (v) => maven.compare(v, v.toUpperCase()) === 0));
    expectEqual(maven, '1.2', '1.2.0.0');
  });
});
