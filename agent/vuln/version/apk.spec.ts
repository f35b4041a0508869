import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testdata } from '../../../test/setup/testdata';
import { parseApkInstalled } from '../../scan/parsers/apk-installed';
import { apk } from './apk';
import { checkOrderLaws, expectAscending, expectEqual } from './order-properties';

describe('apk known answers (apk-tools version rules)', () => {
  it('puts pre-release suffixes below and post-release suffixes above the bare version', () => {
    expectAscending(apk, ['1.2.3_rc1', '1.2.3', '1.2.3_p1']);
    expectAscending(apk, [
      '1.0_alpha',
      '1.0_beta',
      '1.0_pre',
      '1.0_rc',
      '1.0',
      '1.0_cvs',
      '1.0_svn',
      '1.0_git',
      '1.0_hg',
      '1.0_p',
    ]);
    expectAscending(apk, ['1.0_rc1', '1.0_rc2', '1.0_rc10', '1.0']);
    expectAscending(apk, ['1.0_alpha3', '1.0_beta1', '1.0_beta1_p1', '1.0_beta2']);
  });

  it('orders revisions, letters and extra components', () => {
    expectAscending(apk, ['1.1.1d-r2', '1.1.1d-r3', '1.1.1e-r0', '1.1.1k-r0']);
    expectAscending(apk, ['1.2', '1.2-r1', '1.2a', '1.2b', '1.2.1']);
    expectAscending(apk, ['1.0_p1', '1.0_p1-r1', '1.0.1']);
    expectAscending(apk, ['1.1.22-r3', '1.1.23-r2', '1.1.24-r2', '1.2.4-r0', '1.2.4-r3']);
    expectAscending(apk, ['2.9', '2.10', '2.10.4-r2', '2.10.6-r0']);
    expectEqual(apk, '1.2.3-r0', '1.2.3-r0');
  });

  it('matches the secdb facts in the shared test data', () => {
    // alpine 3.10 ships openssl 1.1.1d-r2: fixed in 3.11's 1.1.1d-r3 but not below 3.10's 1.1.1d-r0.
    expect(apk.compare('1.1.1d-r2', '1.1.1d-r3')).toBeLessThan(0);
    expect(apk.compare('1.1.1d-r2', '1.1.1d-r0')).toBeGreaterThan(0);
    expect(apk.compare('1.1.22-r3', '1.1.22-r3')).toBe(0);
  });

  it('compares components numerically and a longer version above its prefix', () => {
    expectEqual(apk, '1.01', '1.1');
    expectAscending(apk, ['1', '1.0', '1.0.1', '1.1', '1.10']);
    expectAscending(apk, ['1.0_rc1', '1.0', '1.0.0']);
  });

  it('accepts apk versions and rejects others', () => {
    for (const v of [
      '1.2.3',
      '1.1.1d-r3',
      '2.14.0_rc2-r1',
      '0.3_git20230101-r0',
      '1.0_p1_rc2',
      '6.4_p20230819-r0',
      '1.0~abc123-r1',
    ]) {
      expect(apk.valid(v), v).toBe(true);
    }
    for (const v of [
      '',
      'v1.0',
      '1.0-r',
      '1.0_foo',
      '1.0ab',
      '1.0-1',
      '1..0',
      '.1',
      '1.0_RC1',
      '1.' + '1'.repeat(18),
    ]) {
      expect(apk.valid(v), v).toBe(false);
    }
  });
});

const num = fc.constantFrom('0', '1', '2', '10', '01');
const apkVersion = fc
  .tuple(
    fc.array(num, { minLength: 1, maxLength: 3 }),
    fc.option(fc.constantFrom('a', 'b', 'z')),
    fc.array(
      fc.tuple(
        fc.constantFrom('alpha', 'beta', 'pre', 'rc', 'cvs', 'git', 'p'),
        fc.constantFrom('', '1', '2'),
      ),
      {
        maxLength: 2,
      },
    ),
    fc.option(fc.constantFrom('0', '1', '12')),
  )
  .map(
    ([parts, letter, suffixes, rev]) =>
      parts.join('.') +
      (letter ?? '') +
      suffixes.map(([s, n]) => `_${s}${n}`).join('') +
      (rev === null ? '' : `-r${rev}`),
  );

describe('apk order laws', () => {
  checkOrderLaws(apk, apkVersion);
  it('treats leading zeros of a number as insignificant', () => {
    fc.assert(fc.property(apkVersion, (v) => apk.compare(`0${v}`, v) === 0));
  });
  it('ignores a commit hash', () => {
    expectEqual(apk, '1.0~abc123-r1', '1.0-r1');
  });
});

interface SecDb {
  packages: { pkg: { name: string; secfixes: Record<string, string[] | null> } }[] | null;
}

/** "origin CVE" pairs whose secdb fix is newer than the installed version. */
function unfixed(image: string, branch: string): string[] {
  const installed = parseApkInstalled(readFileSync(testdata('fixtures/apk', image, 'installed'), 'utf8'));
  const db = JSON.parse(readFileSync(testdata('feeds/alpine-secdb', branch, 'main.json'), 'utf8')) as SecDb;
  const out = new Set<string>();
  for (const rec of installed) {
    const entry = db.packages?.find((p) => p.pkg.name === (rec.origin ?? rec.name));
    for (const [fixed, ids] of Object.entries(entry?.pkg.secfixes ?? {})) {
      expect(apk.valid(fixed), fixed).toBe(true);
      if (apk.compare(rec.version, fixed) < 0)
        for (const id of ids ?? []) out.add(`${entry?.pkg.name} ${id}`);
    }
  }
  return [...out].sort();
}

describe('apk against the shared secdb and installed databases', () => {
  it('finds nothing unfixed when alpine 3.10 is matched with its own branch', () => {
    expect(unfixed('alpine-3.10', 'v3.10')).toEqual([]);
  });

  it('finds the openssl and musl fixes of 3.11 missing from alpine 3.10', () => {
    const found = unfixed('alpine-3.10', 'v3.11');
    expect(found).toContain('openssl CVE-2019-1551');
    expect(found).toContain('musl CVE-2019-14697');
  });

  it('treats alpine 3.11 at exactly the fixed version as fixed', () => {
    expect(unfixed('alpine-3.11', 'v3.11')).toEqual([]);
  });
});
