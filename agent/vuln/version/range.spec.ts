import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testdata } from '../../../test/setup/testdata';
import { apk } from './apk';
import { dpkg } from './dpkg';
import { golang } from './golang';
import { fixedVersionFor, isAffectedByOsvRanges, type OsvRange, VersionRangeError } from './range';
import { schemeForEcosystem } from './registry';
import { semver } from './semver';

interface Affected {
  package?: { ecosystem: string; name: string };
  ranges?: OsvRange[];
  versions?: string[];
}

function osv(dir: string, id: string): Affected[] {
  const record = JSON.parse(readFileSync(testdata('feeds/osv', dir, `${id}.json`), 'utf8')) as {
    affected: Affected[];
  };
  return record.affected;
}

function rangesOf(dir: string, id: string, name: string, ecosystem?: string): Affected {
  const found = osv(dir, id).filter(
    (a) => a.package?.name === name && (ecosystem === undefined || a.package.ecosystem === ecosystem),
  );
  return { ranges: found.flatMap((a) => a.ranges ?? []), versions: found.flatMap((a) => a.versions ?? []) };
}

describe('isAffectedByOsvRanges on real OSV records', () => {
  it('finds minimist 0.0.8 affected by both advisories osv.dev returned, with their fixes', () => {
    for (const [id, fix] of [
      ['GHSA-vh95-rmgr-6w4m', '0.2.1'],
      ['GHSA-xvch-5gv4-984h', '0.2.4'],
    ] as const) {
      const { ranges = [] } = rangesOf('npm', id, 'minimist');
      expect(isAffectedByOsvRanges('0.0.8', ranges, semver), id).toBe(true);
      expect(fixedVersionFor('0.0.8', ranges, semver), id).toBe(fix);
      expect(isAffectedByOsvRanges(fix, ranges, semver), id).toBe(false);
    }
    const { ranges = [] } = rangesOf('npm', 'GHSA-vh95-rmgr-6w4m', 'minimist');
    expect(isAffectedByOsvRanges('1.2.2', ranges, semver)).toBe(true);
    expect(fixedVersionFor('1.2.2', ranges, semver)).toBe('1.2.3');
    expect(isAffectedByOsvRanges('1.2.3', ranges, semver)).toBe(false);
    expect(isAffectedByOsvRanges('0.2.5', ranges, semver)).toBe(false);
    expect(fixedVersionFor('0.2.5', ranges, semver)).toBeUndefined();
  });

  it('treats last_affected as inclusive (ip 1.1.8 affected, 1.1.9 not, no fix known)', () => {
    const { ranges = [] } = rangesOf('npm', 'GHSA-78xj-cgh5-2h22', 'ip');
    expect(isAffectedByOsvRanges('1.1.8', ranges, semver)).toBe(true);
    expect(isAffectedByOsvRanges('1.0.0', ranges, semver)).toBe(true);
    expect(isAffectedByOsvRanges('1.1.9', ranges, semver)).toBe(false);
    expect(isAffectedByOsvRanges('2.0.0', ranges, semver)).toBe(false);
    expect(fixedVersionFor('1.1.8', ranges, semver)).toBeUndefined();
  });

  it('reads introduced "1.0" as 1.0.0 and reports the nearest fix across ranges (node-fetch)', () => {
    const { ranges = [] } = rangesOf('npm', 'GHSA-r683-j2x4-v87g', 'node-fetch');
    expect(isAffectedByOsvRanges('3.1.0', ranges, semver)).toBe(true);
    expect(isAffectedByOsvRanges('3.1.1', ranges, semver)).toBe(false);
    expect(fixedVersionFor('2.6.6', ranges, semver)).toBe('2.6.7');
    expect(fixedVersionFor('3.0.0', ranges, semver)).toBe('3.1.1');
  });

  it('excludes the fixed version and handles pre-release bounds (ansi-regex, node-fetch betas)', () => {
    const { ranges = [] } = rangesOf('npm', 'GHSA-93q8-gq69-wqmw', 'ansi-regex');
    expect(isAffectedByOsvRanges('3.0.0', ranges, semver)).toBe(true);
    expect(isAffectedByOsvRanges('3.0.1', ranges, semver)).toBe(false);
    expect(isAffectedByOsvRanges('2.1.1', ranges, semver)).toBe(false);
    const beta = rangesOf('npm', 'GHSA-w7rc-rwvf-8q5r', 'node-fetch').ranges ?? [];
    expect(isAffectedByOsvRanges('3.0.0-beta.8', beta, semver)).toBe(true);
    expect(isAffectedByOsvRanges('3.0.0-beta.9', beta, semver)).toBe(false);
    expect(isAffectedByOsvRanges('3.0.0', beta, semver)).toBe(false);
  });

  it('uses the explicit versions list and per-release Alpine ranges (musl CVE-2025-26519)', () => {
    const v318 = rangesOf('Alpine_v3.16', 'CVE-2025-26519', 'musl', 'Alpine:v3.18');
    expect(v318.versions).toContain('1.2.4-r0');
    expect(isAffectedByOsvRanges('1.2.4-r0', [], apk, v318.versions)).toBe(true);
    expect(isAffectedByOsvRanges('1.2.4-r0', v318.ranges ?? [], apk)).toBe(true);
    expect(isAffectedByOsvRanges('1.2.4-r3', v318.ranges ?? [], apk)).toBe(false);
    expect(fixedVersionFor('1.2.4-r0', v318.ranges ?? [], apk)).toBe('1.2.4-r3');
    const deb12 = rangesOf('Alpine_v3.16', 'CVE-2025-26519', 'musl', 'Debian:12');
    expect(isAffectedByOsvRanges('1.2.3-1', deb12.ranges ?? [], dpkg)).toBe(true);
    expect(fixedVersionFor('1.2.3-1', deb12.ranges ?? [], dpkg)).toBeUndefined();
  });

  it('agrees with every real record: introduced and last_affected are in, fixed is out', () => {
    let checked = 0;
    for (const dir of readdirSync(testdata('feeds/osv'))) {
      for (const file of readdirSync(testdata('feeds/osv', dir))) {
        for (const a of osv(dir, file.replace(/\.json$/, ''))) {
          const scheme = a.package === undefined ? undefined : schemeForEcosystem(a.package.ecosystem);
          if (scheme === undefined) continue;
          for (const v of a.versions ?? []) {
            expect(scheme.valid(v), `${file} ${v}`).toBe(true);
            expect(isAffectedByOsvRanges(v, [], scheme, a.versions), `${file} ${v}`).toBe(true);
          }
          for (const range of a.ranges ?? []) {
            if (range.type === 'GIT') continue;
            for (const e of range.events) {
              const s = range.type === 'SEMVER' && scheme.name !== 'golang' ? semver : scheme;
              if (e.introduced !== undefined && e.introduced !== '0')
                expect(isAffectedByOsvRanges(e.introduced, [range], s), `${file} ${e.introduced}`).toBe(true);
              if (e.last_affected !== undefined)
                expect(isAffectedByOsvRanges(e.last_affected, [range], s), `${file} ${e.last_affected}`).toBe(
                  true,
                );
              if (e.fixed !== undefined)
                expect(isAffectedByOsvRanges(e.fixed, [range], s), `${file} ${e.fixed}`).toBe(false);
              checked++;
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('isAffectedByOsvRanges semantics', () => {
  const eco = (...events: OsvRange['events']): OsvRange => ({ type: 'ECOSYSTEM', events });

  it('sorts events before walking them', () => {
    const r = eco({ fixed: '2.0.0' }, { introduced: '1.0.0' });
    expect(isAffectedByOsvRanges('1.5.0', [r], semver)).toBe(true);
    expect(isAffectedByOsvRanges('0.5.0', [r], semver)).toBe(false);
  });

  it('handles several intervals in one range', () => {
    const r = eco({ introduced: '1.0.0' }, { fixed: '1.2.0' }, { introduced: '2.0.0' }, { fixed: '2.1.0' });
    const got = ['0.9.0', '1.0.0', '1.1.9', '1.2.0', '1.9.9', '2.0.0', '2.0.5', '2.1.0', '3.0.0'].map((v) =>
      isAffectedByOsvRanges(v, [r], semver),
    );
    expect(got).toEqual([false, true, true, false, false, true, true, false, false]);
    expect(fixedVersionFor('2.0.5', [r], semver)).toBe('2.1.0');
    expect(fixedVersionFor('1.0.0', [r], semver)).toBe('1.2.0');
  });

  it('means "from the start" by introduced "0", even for pre-releases and in every scheme', () => {
    expect(isAffectedByOsvRanges('0.0.0-alpha', [eco({ introduced: '0' }, { fixed: '1.0.0' })], semver)).toBe(
      true,
    );
    expect(
      isAffectedByOsvRanges('v0.0.0-20191109021931-daa7c04131f5', [eco({ introduced: '0' })], golang),
    ).toBe(true);
    expect(isAffectedByOsvRanges('1.0~rc1-1', [eco({ introduced: '0' }, { fixed: '1.0-1' })], dpkg)).toBe(
      true,
    );
  });

  it('stops at a limit, with "*" meaning no limit', () => {
    const limited = eco({ introduced: '0' }, { limit: '2.0.0' });
    expect(isAffectedByOsvRanges('1.9.9', [limited], semver)).toBe(true);
    expect(isAffectedByOsvRanges('2.0.0', [limited], semver)).toBe(false);
    expect(isAffectedByOsvRanges('9.0.0', [eco({ introduced: '1.0.0' }, { limit: '*' })], semver)).toBe(true);
  });

  it('ignores GIT ranges, which name commits rather than versions', () => {
    const git: OsvRange = {
      type: 'GIT',
      repo: 'https://example.invalid/repo.git',
      events: [{ introduced: '0' }, { fixed: 'abc123' }],
    };
    expect(isAffectedByOsvRanges('1.0.0', [git], semver)).toBe(false);
    expect(fixedVersionFor('1.0.0', [git], semver)).toBeUndefined();
  });

  it('compares SEMVER ranges as SemVer whatever the ecosystem scheme', () => {
    const r: OsvRange = { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.10.0' }] };
    expect(isAffectedByOsvRanges('1.9.0', [r], dpkg)).toBe(true);
    expect(isAffectedByOsvRanges('v1.9.0', [r], golang)).toBe(true);
    expect(isAffectedByOsvRanges('1.10.0', [r], dpkg)).toBe(false);
  });

  it('matches the versions list by equivalence, not only by spelling', () => {
    expect(isAffectedByOsvRanges('1.0', [], semver, ['1.0.0'])).toBe(true);
    expect(isAffectedByOsvRanges('1.0.1', [], semver, ['1.0.0', 'garbage'])).toBe(false);
  });

  it('throws a clear error for an invalid version, event or range type', () => {
    expect(() => isAffectedByOsvRanges('not a version', [], semver)).toThrow(VersionRangeError);
    expect(() => isAffectedByOsvRanges('', [], semver)).toThrow(/version "" is not a valid semver version/);
    expect(() =>
      isAffectedByOsvRanges('1.0.0', [eco({ introduced: '0' }, { fixed: 'soon' })], semver),
    ).toThrow(/event fixed "soon" is not a valid semver version/);
    expect(() => isAffectedByOsvRanges('1.0.0', [{ type: 'DATE', events: [] }], semver)).toThrow(
      /range type "DATE"/,
    );
    expect(() => fixedVersionFor('x'.repeat(10_000), [], semver)).toThrow(VersionRangeError);
  });

  it('returns false for no ranges and for a range with no introduced event', () => {
    expect(isAffectedByOsvRanges('1.0.0', [], semver)).toBe(false);
    expect(isAffectedByOsvRanges('1.0.0', [eco({ fixed: '2.0.0' })], semver)).toBe(false);
  });
});

describe('isAffectedByOsvRanges against a brute-force model', () => {
  it('agrees with interval membership for shuffled events', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 1000 }),
        (bounds, lastInclusive, probe, seed) => {
          const sorted = [...bounds].sort((a, b) => a - b);
          const v = (n: number): string => `${n}.0.0`;
          const events: OsvRange['events'][number][] = sorted.map((b, i) => {
            if (i % 2 === 0) return { introduced: v(b) };
            return i === sorted.length - 1 && lastInclusive ? { last_affected: v(b) } : { fixed: v(b) };
          });
          // Deterministic shuffle: the evaluator must sort events itself.
          const shuffled = events
            .map((e, i) => ({ e, k: (i * 7919 + seed) % 101 }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.e);
          let want = false;
          for (let i = 0; i < sorted.length; i += 2) {
            const lo = sorted[i] ?? 0;
            const hi = sorted[i + 1];
            const upperOk =
              hi === undefined ||
              probe < hi ||
              (lastInclusive && i + 1 === sorted.length - 1 && probe === hi);
            if (probe >= lo && upperOk) want = true;
          }
          return isAffectedByOsvRanges(v(probe), [{ type: 'ECOSYSTEM', events: shuffled }], semver) === want;
        },
      ),
    );
  });
});
