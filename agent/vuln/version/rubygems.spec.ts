import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOrderLaws, expectAscending, expectEqual } from './order-properties';
import { rubygems } from './rubygems';

describe('Gem::Version known answers', () => {
  it('orders release segments numerically', () => {
    expectAscending(rubygems, ['1.9.3', '1.10.0', '5.2.4.4', '5.2.4.5', '10.0']);
  });

  it('makes any letter a pre-release below the release', () => {
    expectAscending(rubygems, ['1.0.a', '1.0.a.2', '1.0.b1', '1.0.rc1', '1.0']);
    expectAscending(rubygems, ['2.0.0.beta1', '2.0.0.rc1', '2.0.0', '2.0.0.1']);
    expectAscending(rubygems, ['6.0.0.rc1', '6.0.0', '6.0.1']);
    expectAscending(rubygems, ['1.0.a9', '1.0.a10']);
  });

  it('drops trailing zeros and reads a hyphen as .pre.', () => {
    expectEqual(rubygems, '1.0', '1');
    expectEqual(rubygems, '1.0.0', '1');
    expectEqual(rubygems, '1.0.a', '1.a');
    expectEqual(rubygems, '1.0.0-rc1', '1.0.0.pre.rc1');
    expectAscending(rubygems, ['1.0.0-rc1', '1.0.0']);
  });

  it('accepts gem versions and rejects others', () => {
    for (const v of ['1', '1.0.0', '7.0.4.3', '1.0.0.pre.rc1', '2.0.0-beta.1', ' 1.2 '])
      expect(rubygems.valid(v), v).toBe(true);
    for (const v of ['', 'a1', '1.0.', '1..0', '1.0-', '1.0 2', 'v1.0', '1.0+build'])
      expect(rubygems.valid(v), v).toBe(false);
  });
});

const seg = fc.constantFrom('0', '1', '2', '10', 'a', 'b', 'rc1', 'pre');
const gemVersion = fc
  .tuple(
    fc.constantFrom('0', '1', '2'),
    fc.array(seg, { maxLength: 4 }),
    fc.option(fc.constantFrom('rc1', 'beta.2')),
  )
  .map(([h, rest, hyphen]) => [h, ...rest].join('.') + (hyphen === null ? '' : `-${hyphen}`));

describe('rubygems order laws', () => {
  checkOrderLaws(rubygems, gemVersion);
  it('treats trailing zeros as equal', () => {
    fc.assert(fc.property(gemVersion, (v) => v.includes('-') || rubygems.compare(v, `${v}.0.0`) === 0));
  });
});
