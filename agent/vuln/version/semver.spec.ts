import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOrderLaws, expectAscending, expectEqual } from './order-properties';
import { semver } from './semver';

describe('semver known answers (SemVer 2.0.0 §11)', () => {
  it('orders the precedence example of the specification', () => {
    expectAscending(semver, [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
    ]);
    expectAscending(semver, ['1.0.0', '2.0.0', '2.1.0', '2.1.1']);
  });

  it('ignores build metadata', () => {
    expectEqual(semver, '1.0.0+20130313144700', '1.0.0');
    expectEqual(semver, '1.0.0-beta+exp.sha.5114f85', '1.0.0-beta');
  });

  it('is lenient on a v prefix and missing minor/patch, as OSV data needs', () => {
    expectEqual(semver, 'v1.2.3', '1.2.3');
    expectEqual(semver, '1.0', '1.0.0');
    expectEqual(semver, '1', '1.0.0');
    expectAscending(semver, ['0.9.9', '1.0', '1.0.1', '1.1']);
    expectAscending(semver, ['1.0-rc.1', '1.0']);
  });

  it('compares numbers of any length exactly', () => {
    expectAscending(semver, ['1.0.9007199254740993', '1.0.9007199254740994', '1.0.90071992547409940']);
    expectAscending(semver, ['1.0.0-9007199254740993', '1.0.0-9007199254740994']);
  });

  it('accepts SemVer and rejects malformed strings', () => {
    for (const v of ['0.0.0', '1.2.3-alpha.1+build.7', 'v10.20.30', '1.0', '1.0.0-x-y-z.--'])
      expect(semver.valid(v), v).toBe(true);
    for (const v of [
      '',
      'v',
      '1.2.3.4',
      '1..2',
      '1.2.3-',
      '1.2.3+',
      '1.2.3-a..b',
      'a.b.c',
      '1.2.3 beta',
      '1.0.0-ä',
    ]) {
      expect(semver.valid(v), v).toBe(false);
    }
  });
});

const n = fc.constantFrom('0', '1', '2', '10');
const pre = fc.array(fc.constantFrom('alpha', 'beta', 'rc', '0', '1', '2', '11', 'x-y', 'B'), {
  minLength: 1,
  maxLength: 3,
});
const semverVersion = fc
  .tuple(
    fc.boolean(),
    n,
    fc.option(n),
    fc.option(n),
    fc.option(pre),
    fc.option(fc.constantFrom('build', 'b.7')),
  )
  .map(
    ([v, a, b, c, p, build]) =>
      (v ? 'v' : '') +
      a +
      (b === null ? '' : `.${b}`) +
      (b === null || c === null ? '' : `.${c}`) +
      (p === null ? '' : `-${p.join('.')}`) +
      (build === null ? '' : `+${build}`),
  );

describe('semver order laws', () => {
  checkOrderLaws(semver, semverVersion);
  it('treats equivalent spellings as equal', () => {
    fc.assert(fc.property(n, n, (a, b) => semver.compare(`v${a}.${b}`, `${a}.${b}.0+meta`) === 0));
  });
});
