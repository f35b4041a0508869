import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOrderLaws, expectAscending, expectEqual } from './order-properties';
import { pep440 } from './pep440';

describe('PEP 440 known answers', () => {
  it('orders the example list of the PEP', () => {
    expectAscending(pep440, [
      '1.dev0',
      '1.0.dev456',
      '1.0a1',
      '1.0a2.dev456',
      '1.0a12.dev456',
      '1.0a12',
      '1.0b1.dev456',
      '1.0b2',
      '1.0b2.post345.dev456',
      '1.0b2.post345',
      '1.0rc1.dev456',
      '1.0rc1',
      '1.0',
      '1.0+abc.5',
      '1.0+abc.7',
      '1.0+5',
      '1.0.post456.dev34',
      '1.0.post456',
      '1.0.15',
      '1.1.dev1',
    ]);
  });

  it('lets the epoch dominate', () => {
    expectAscending(pep440, ['2.0', '2013.10', '1!1.0', '1!2.0']);
    expectEqual(pep440, '0!1.0', '1.0');
  });

  it('normalises equivalent spellings', () => {
    const same: [string, string][] = [
      ['1.0', '1.0.0'],
      ['1.0a1', '1.0.0-alpha1'],
      ['1.0a1', '1.0.0.ALPHA.1'],
      ['1.0b2', '1.0-beta_2'],
      ['1.0rc1', '1.0c1'],
      ['1.0rc1', '1.0-preview-1'],
      ['1.0rc1', '1.0pre1'],
      ['1.0a', '1.0a0'],
      ['1.0.post1', '1.0-1'],
      ['1.0.post1', '1.0-r1'],
      ['1.0.post1', '1.0rev1'],
      ['1.0.post0', '1.0.post'],
      ['1.0.dev0', '1.0-dev'],
      ['1.0', 'v1.0'],
      ['1.0', ' 1.0\n'],
      ['1.0+ubuntu.1', '1.0+Ubuntu-1'],
      ['1.01', '1.1'],
    ];
    for (const [a, b] of same) expectEqual(pep440, a, b);
  });

  it('accepts PEP 440 versions and rejects others', () => {
    for (const v of ['1', '2!1.0.post2.dev3+local.7', '2023.10.1', '0.0.1a1', '1.0.0rc1'])
      expect(pep440.valid(v), v).toBe(true);
    for (const v of ['', 'a1', '1.0+', '1.0+a..b', '1.0-', '1.0.', '1.0a1b2', 'dev', '1.0 final', '1..0']) {
      expect(pep440.valid(v), v).toBe(false);
    }
  });
});

const n = fc.constantFrom('0', '1', '2', '10');
const pepVersion = fc
  .tuple(
    fc.option(fc.constantFrom('0', '1')),
    fc.array(n, { minLength: 1, maxLength: 3 }),
    fc.option(
      fc.tuple(fc.constantFrom('a', 'b', 'rc', 'alpha', 'c', '-beta'), fc.constantFrom('', '1', '2')),
    ),
    fc.option(fc.constantFrom('.post1', '-2', '.post', 'rev3')),
    fc.option(fc.constantFrom('.dev0', '.dev5', '-dev')),
    fc.option(fc.constantFrom('+abc', '+5', '+abc.5', '+7.x')),
  )
  .map(
    ([e, rel, pre, post, dev, local]) =>
      (e === null ? '' : `${e}!`) +
      rel.join('.') +
      (pre === null ? '' : pre[0] + pre[1]) +
      (post ?? '') +
      (dev ?? '') +
      (local ?? ''),
  );

describe('pep440 order laws', () => {
  checkOrderLaws(pep440, pepVersion);
  it('treats trailing zeros and the alpha spelling as equal', () => {
    fc.assert(fc.property(n, n, (a, b) => pep440.compare(`${a}.${b}a1`, `${a}.${b}.0.0-alpha1`) === 0));
  });
});
