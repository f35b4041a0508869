import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOrderLaws, expectAscending, expectEqual } from './order-properties';
import { rpm, rpmvercmp } from './rpm';

describe('rpmvercmp known answers (rpm version comparison rules)', () => {
  const table: [string, string, number][] = [
    ['1.0', '1.0', 0],
    ['1.0', '2.0', -1],
    ['2.0.1', '2.0', 1],
    ['2.0.1a', '2.0.1', 1],
    ['5.5p1', '5.5p2', -1],
    ['5.5p10', '5.5p2', 1],
    ['10xyz', '10.1xyz', -1],
    ['xyz10', 'xyz10.1', -1],
    ['xyz.4', '8', -1],
    ['1.0010', '1.9', 1],
    ['1.05', '1.5', 0],
    ['2.0', '2_0', 0],
    ['2_0', '2__0', 0],
    ['a', 'b', -1],
    ['b+', 'b', 0],
    ['1.0a', '1.0.1', -1],
    ['1.0~rc1', '1.0', -1],
    ['1.0~rc1', '1.0~rc2', -1],
    ['1.0~rc1~git123', '1.0~rc1', -1],
    ['1.0^', '1.0', 1],
    ['1.0^git1', '1.0', 1],
    ['1.0^git1', '1.01', -1],
    ['1.0^20160101', '1.0.1', -1],
    ['1.0^20160101^git1', '1.0^20160101', 1],
    ['1.0~rc1^git1', '1.0~rc1', 1],
    ['1.0~rc1^git1', '1.0', -1],
  ];
  it.each(table)('rpmvercmp(%s, %s) = %i', (a, b, want) => {
    expect(rpmvercmp(a, b)).toBe(want);
    expect(rpmvercmp(b, a)).toBe(want === 0 ? 0 : -want);
  });

  it('orders tilde, release and caret as documented', () => {
    expectAscending(rpm, ['1.0~rc1', '1.0', '1.0^git1', '1.0.1']);
  });

  it('compares epoch:version-release', () => {
    expectAscending(rpm, ['2.0-1', '1:1.0-1', '2:0.1-1']);
    expectAscending(rpm, ['1.0-1', '1.0-2', '1.0-10']);
    expectAscending(rpm, ['1.1.1k-7.el8_6', '1.1.1k-9.el8_7', '3.0.7-24.el9']);
    expectAscending(rpm, ['1.0', '1.0-1']);
    expectEqual(rpm, '0:1.0-1', '1.0-1');
  });

  it('accepts RPM EVRs and rejects others', () => {
    for (const v of ['1.0', '1:2.3-4.el9', '1.0~rc1^git2-1.fc39', '2.34-60.el9_2.7'])
      expect(rpm.valid(v), v).toBe(true);
    for (const v of ['', 'a:1.0', '1.0-', '-1', '1.0-1-2', '1.0 1', '.1'])
      expect(rpm.valid(v), v).toBe(false);
  });
});

const seg = fc.constantFrom('0', '1', '2', '10', '01', 'a', 'b', 'rc', 'git');
const sep = fc.constantFrom('.', '', '_', '~', '^', '+');
const part = fc
  .tuple(fc.constantFrom('0', '1', '2', '10'), fc.array(fc.tuple(sep, seg), { maxLength: 4 }))
  .map(([h, rest]) => h + rest.map(([s, x]) => s + x).join(''));
const rpmVersion = fc
  .tuple(fc.option(fc.constantFrom('0', '1')), part, fc.option(part))
  .map(([e, v, r]) => (e === null ? '' : `${e}:`) + v + (r === null ? '' : `-${r}`));

describe('rpm order laws', () => {
  checkOrderLaws(rpm, rpmVersion);
  it('treats a zero epoch, separator spelling and leading zeros as equal', () => {
    fc.assert(fc.property(rpmVersion, (v) => v.includes(':') || rpm.compare(`0:${v}`, v) === 0));
    expectEqual(rpm, '1.0_1-1', '1.0.1-1');
    expectEqual(rpm, '1.001-1', '1.1-1');
  });
});
