import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nuget } from './nuget';
import { checkOrderLaws, expectAscending, expectEqual } from './order-properties';

describe('NuGet known answers', () => {
  it('treats missing release parts as zero', () => {
    expectEqual(nuget, '1.0', '1.0.0.0');
    expectEqual(nuget, '1.0.0', '1.0.0.0');
    expectAscending(nuget, ['1.0', '1.0.0.1', '1.0.1', '1.1']);
  });

  it('compares pre-release labels case-insensitively, numerically where numeric', () => {
    expectEqual(nuget, '1.0.0-ALPHA', '1.0.0-alpha');
    expectAscending(nuget, [
      '1.0.0-alpha',
      '1.0.0-Beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-RC.1',
      '1.0.0',
    ]);
    expectAscending(nuget, ['4.0.0-preview1', '4.0.0-preview2', '4.0.0']);
  });

  it('ignores metadata', () => {
    expectEqual(nuget, '1.0.0+git.abc', '1.0.0');
    expectEqual(nuget, '13.0.1+build', '13.0.1.0');
  });

  it('accepts NuGet versions and rejects others', () => {
    for (const v of ['1.0', '13.0.1', '4.7.0.1', '6.0.0-preview.7.21377.19', '1.0.0+meta'])
      expect(nuget.valid(v), v).toBe(true);
    for (const v of ['', 'v1.0.0', '1.0.0.0.0', '1.0-', 'abc', '1.0.0-beta_1'])
      expect(nuget.valid(v), v).toBe(false);
  });
});

const n = fc.constantFrom('0', '1', '2', '10');
const nugetVersion = fc
  .tuple(
    fc.array(n, { minLength: 1, maxLength: 4 }),
    fc.option(fc.constantFrom('alpha', 'ALPHA', 'beta.2', 'Beta.11', 'rc.1')),
  )
  .map(([parts, p]) => parts.join('.') + (p === null ? '' : `-${p}`));

describe('nuget order laws', () => {
  checkOrderLaws(nuget, nugetVersion);
  it('treats equivalent spellings as equal', () => {
    fc.assert(fc.property(n, n, (a, b) => nuget.compare(`${a}.${b}`, `${a}.${b}.0.0`) === 0));
  });
});
