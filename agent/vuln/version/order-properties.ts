// Shared spec helper: the order laws every VersionScheme must obey, checked with fast-check,
// plus hostile strings that must neither hang nor throw. Imported only by the *.spec.ts files here.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { sign } from './compare-util';
import type { VersionScheme } from './scheme';

export const HOSTILE: readonly string[] = [
  '',
  ' ',
  '\0',
  '1.0\0',
  '\0' + '1'.repeat(50),
  'x'.repeat(10_000),
  '1'.repeat(10_000),
  '1.'.repeat(5_000),
  '1.'.repeat(5_000) + '1',
  '1-'.repeat(5_000) + 'a',
  'a1'.repeat(5_000),
  '0'.repeat(10_000) + '1',
  '~'.repeat(10_000),
  '-'.repeat(10_000),
  '1.0' + '_'.repeat(10_000),
  '1.0-' + '.'.repeat(10_000) + 'x',
  'constructor',
  '__proto__',
  '1.0+' + 'b'.repeat(10_000) + '!',
  '\u{1F600}1.0',
];

/** Registers the order-law tests for `scheme` over generated valid versions and random strings. */
export function checkOrderLaws(scheme: VersionScheme, version: fc.Arbitrary<string>): void {
  const any = fc.oneof(version, version, fc.string({ maxLength: 12 }));

  it('generates versions the scheme accepts', () => {
    fc.assert(fc.property(version, (v) => scheme.valid(v)));
  });

  it('is reflexive', () => {
    fc.assert(fc.property(any, (a) => scheme.compare(a, a) === 0));
  });

  it('is antisymmetric', () => {
    fc.assert(fc.property(any, any, (a, b) => sign(scheme.compare(a, b)) === -sign(scheme.compare(b, a))));
  });

  it('is transitive on triples', () => {
    fc.assert(
      fc.property(any, any, any, (a, b, c) => {
        const [x, y, z] = [a, b, c].sort((p, q) => scheme.compare(p, q));
        if (x === undefined || y === undefined || z === undefined) return false;
        return scheme.compare(x, y) <= 0 && scheme.compare(y, z) <= 0 && scheme.compare(x, z) <= 0;
      }),
      { numRuns: 500 },
    );
  });

  it('sorts consistently: every pair of a sorted list is in order', () => {
    fc.assert(
      fc.property(fc.array(any, { maxLength: 25 }), (list) => {
        const sorted = [...list].sort((p, q) => scheme.compare(p, q));
        for (let i = 0; i < sorted.length; i++) {
          for (let j = i + 1; j < sorted.length; j++) {
            if (scheme.compare(sorted[i] ?? '', sorted[j] ?? '') > 0) return false;
          }
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });

  it('treats equal versions as interchangeable (a == b implies same order against c)', () => {
    fc.assert(
      fc.property(any, any, any, (a, b, c) => {
        if (scheme.compare(a, b) !== 0) return true;
        return sign(scheme.compare(a, c)) === sign(scheme.compare(b, c));
      }),
    );
  });

  it('handles hostile strings quickly and deterministically without throwing', () => {
    const started = performance.now();
    for (const h of HOSTILE) {
      expect(typeof scheme.valid(h)).toBe('boolean');
      for (const other of ['1.0', '0', h.slice(0, 20)]) {
        const c = scheme.compare(h, other);
        expect(Number.isFinite(c)).toBe(true);
        expect(scheme.compare(h, other)).toBe(c);
        expect(sign(scheme.compare(other, h)) + sign(c)).toBe(0);
      }
    }
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('rejects empty strings and NUL bytes', () => {
    expect(scheme.valid('')).toBe(false);
    expect(scheme.valid('1.0\0')).toBe(false);
    expect(scheme.valid('\0')).toBe(false);
  });
}

/** Asserts a list is strictly increasing under the scheme, pairwise, in both directions. */
export function expectAscending(scheme: VersionScheme, list: readonly string[]): void {
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i] ?? '';
      const b = list[j] ?? '';
      expect(sign(scheme.compare(a, b)), `${a} < ${b}`).toBe(-1);
      expect(sign(scheme.compare(b, a)), `${b} > ${a}`).toBe(1);
    }
  }
}

export function expectEqual(scheme: VersionScheme, a: string, b: string): void {
  expect(scheme.compare(a, b), `${a} == ${b}`).toBe(0);
  expect(scheme.compare(b, a), `${b} == ${a}`).toBe(0);
}
