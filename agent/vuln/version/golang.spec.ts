import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { golang } from './golang';
import { checkOrderLaws, expectAscending, expectEqual } from './order-properties';

describe('Go module versions known answers', () => {
  it('orders the three pseudo-version forms by their pre-release', () => {
    // vX.0.0-date-hash (no base), vX.Y.Z-pre.0.date-hash (after a pre-release), vX.Y.(Z+1)-0.date-hash (after a release).
    expectAscending(golang, [
      'v0.0.0-20191109021931-daa7c04131f5',
      'v0.0.0-20200101000000-aaaaaaaaaaaa',
      'v0.0.1',
    ]);
    expectAscending(golang, ['v1.2.3-pre', 'v1.2.3-pre.0.20200101000000-abcdef123456', 'v1.2.3']);
    expectAscending(golang, [
      'v1.2.3',
      'v1.2.4-0.20200101000000-abcdef123456',
      'v1.2.4-0.20210101000000-abcdef123456',
      'v1.2.4',
    ]);
  });

  it('ignores +incompatible and accepts OSV versions without v', () => {
    expectEqual(golang, 'v2.0.0+incompatible', 'v2.0.0');
    expectAscending(golang, ['v1.9.9', 'v2.0.0+incompatible', 'v2.0.1+incompatible']);
    expectEqual(golang, '0.0.0-20220524220425-1d687d428aca', 'v0.0.0-20220524220425-1d687d428aca');
    // "0" is plain 0.0.0 here, above its pseudo-versions; OSV's introduced "0" is handled by range.ts.
    expectAscending(golang, ['0.0.0-0', '0.0.0-20220524220425-1d687d428aca', '0', '1.26']);
  });

  it('reads Go toolchain versions as binaries report them', () => {
    expectAscending(golang, ['go1.21rc2', 'go1.21.0', 'go1.21.3', '1.22.0']);
    expectEqual(golang, 'go1.21', '1.21.0');
    expectEqual(golang, 'go1.20.1', 'v1.20.1');
  });

  it('rejects leading zeros and non-versions', () => {
    for (const v of [
      'v1.2.3',
      'v0.0.0-20191109021931-daa7c04131f5',
      'v2.0.0+incompatible',
      '1.21.0-0',
      'go1.22.1',
    ]) {
      expect(golang.valid(v), v).toBe(true);
    }
    for (const v of ['', 'v01.2.3', 'v1.2.3-01', 'latest', 'go', 'go1.21rc', 'master'])
      expect(golang.valid(v), v).toBe(false);
  });
});

const n = fc.constantFrom('0', '1', '2', '10');
const stamp = fc.constantFrom('20191109021931', '20200101000000', '20221231235959');
const goVersion = fc.oneof(
  fc
    .tuple(n, n, n, fc.option(fc.constantFrom('rc.1', 'beta', '0')))
    .map(([a, b, c, p]) => `v${a}.${b}.${c}${p === null ? '' : `-${p}`}`),
  fc.tuple(n, stamp).map(([a, s]) => `v${a}.0.0-${s}-abcdef123456`),
  fc.tuple(n, n, stamp).map(([a, b, s]) => `v${a}.${b}.1-0.${s}-0123456789ab`),
  fc.tuple(n, n).map(([a, b]) => `v${a}.${b}.0+incompatible`),
  fc.tuple(n, n).map(([a, b]) => `go${a}.${b}`),
);

describe('golang order laws', () => {
  checkOrderLaws(golang, goVersion);
  it('treats the v prefix and +incompatible as insignificant', () => {
    fc.assert(fc.property(goVersion, (v) => !v.startsWith('v') || golang.compare(v.slice(1), v) === 0));
    fc.assert(
      fc.property(
        goVersion,
        (v) => v.includes('+') || !v.startsWith('v') || golang.compare(`${v}+incompatible`, v) === 0,
      ),
    );
  });
});
