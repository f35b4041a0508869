import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testdata } from '../../../test/setup/testdata';
import { dpkg } from './dpkg';
import { checkOrderLaws, expectAscending, expectEqual } from './order-properties';

describe('dpkg known answers (Debian Policy 5.6.12)', () => {
  it('sorts ~ before everything, even the end of the string', () => {
    expectAscending(dpkg, ['1.0~~', '1.0~~a', '1.0~', '1.0', '1.0a']);
    expectAscending(dpkg, ['1.0~rc1', '1.0']);
    expectAscending(dpkg, ['1.0~rc1-1', '1.0-1']);
  });

  it('lets the epoch dominate', () => {
    expectAscending(dpkg, ['2.0', '1:0.9', '2:0.1']);
    expectEqual(dpkg, '0:1.0', '1.0');
  });

  it('compares digit runs numerically and letters before non-letters', () => {
    expectAscending(dpkg, ['1.2', '1.10', '1.10a', '1.10+', '1.10.1']);
    expectEqual(dpkg, '1.01', '1.1');
    expectAscending(dpkg, ['1.0a', '1.0b', '1.0+', '1.0.']);
  });

  it('splits the revision at the last hyphen and compares it after upstream', () => {
    expectAscending(dpkg, ['1.2-3-1', '1.2-3-2', '1.2-4-1']);
    expectAscending(dpkg, ['2.36.1-8', '2.36.1-8+deb11u1', '2.36.1-9']);
    expectEqual(dpkg, '1.0', '1.0-0');
  });

  it('orders real Debian security versions', () => {
    expectAscending(dpkg, [
      '1.1.1n-0+deb11u3',
      '1.1.1n-0+deb11u4',
      '1.1.1w-0+deb11u1',
      '3.0.11-1~deb12u1',
      '3.0.11-1~deb12u2',
    ]);
    expectAscending(dpkg, ['7.88.1-10+deb12u4', '7.88.1-10+deb12u5']);
    expectAscending(dpkg, ['2:8.2.3995-1', '2:9.0.1378-2']);
  });

  it('accepts Debian versions and rejects malformed ones', () => {
    for (const v of ['1.0', '1:2.30-1', '2.36.1-8+deb11u1', '0.9.8~beta2', '1.2.3+dfsg-1~bpo11+1']) {
      expect(dpkg.valid(v), v).toBe(true);
    }
    for (const v of ['', 'a1.0', 'x:1.0', '1.0-', '1.0-a b', ':1.0', '1.0:1']) {
      expect(dpkg.valid(v), v).toBe(false);
    }
  });
});

const digits = fc.integer({ min: 0, max: 12 }).map(String);
const upstream = fc
  .tuple(
    digits,
    fc.array(fc.tuple(fc.constantFrom('.', '~', '+', 'a', 'b', '.0', '~rc'), digits), { maxLength: 4 }),
  )
  .map(([d, rest]) => d + rest.map(([s, n]) => s + n).join(''));
const dpkgVersion = fc
  .tuple(
    fc.option(fc.constantFrom('0', '1', '2')),
    upstream,
    fc.option(fc.constantFrom('1', '2', '0+deb12u1', '1~bpo1')),
  )
  .map(([e, u, r]) => (e === null ? '' : `${e}:`) + u + (r === null ? '' : `-${r}`));

describe('dpkg order laws', () => {
  checkOrderLaws(dpkg, dpkgVersion);
  it('treats equivalent spellings as equal', () => {
    fc.assert(fc.property(dpkgVersion, (v) => dpkg.compare(v.includes(':') ? v : `0:${v}`, v) === 0));
    expectEqual(dpkg, '1.000', '1.0');
  });
});

interface TrackerFeed {
  [source: string]: Record<string, { releases: Record<string, { fixed_version?: string }> }>;
}
interface SurveyedVersions {
  packages: Record<
    string,
    {
      source: string;
      installable_versions: { version: string; source_version: string; missing_cves: string[] }[];
    }
  >;
}

describe('dpkg agrees with dpkg --compare-versions on the shared bookworm survey', () => {
  it('finds exactly the feed CVEs the survey found missing for every installable version', () => {
    const feed = JSON.parse(
      readFileSync(testdata('feeds/debian-tracker/bookworm.json'), 'utf8'),
    ) as TrackerFeed;
    const survey = JSON.parse(
      readFileSync(testdata('fixtures/debian/versions.json'), 'utf8'),
    ) as SurveyedVersions;
    let checked = 0;
    for (const pkg of Object.values(survey.packages)) {
      const cves = Object.entries(feed[pkg.source] ?? {});
      for (const iv of pkg.installable_versions) {
        expect(dpkg.valid(iv.version), iv.version).toBe(true);
        const missing = cves
          .filter(([, c]) => {
            const fixed = c.releases['bookworm']?.fixed_version;
            return fixed !== undefined && dpkg.compare(fixed, iv.source_version) > 0;
          })
          .map(([id]) => id)
          .sort();
        expect(missing, `${pkg.source} ${iv.source_version}`).toEqual([...iv.missing_cves].sort());
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
