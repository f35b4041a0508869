import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { testdata } from '../../test/setup/testdata';
import { cvss3BaseScore, cvssVersionOf, severityFromScore } from './cvss';

describe('cvss3BaseScore', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N', 5.3, 'medium'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'critical'],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L', 5.6, 'medium'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10, 'critical'],
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N', 5.4, 'medium'],
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8, 'high'],
    ['CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', 1.6, 'low'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0, 'negligible'],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 7.5, 'high'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N/E:P/RL:O', 7.5, 'high'],
  ])('%s scores %d', (vector, score, severity) => {
    const r = cvss3BaseScore(vector);
    expect(r.score).toBe(score);
    expect(r.severity).toBe(severity);
  });

  it('agrees with every v3 base score in the real NVD records', () => {
    let checked = 0;
    for (const f of readdirSync(testdata('feeds/nvd'))) {
      const cve = JSON.parse(readFileSync(testdata('feeds/nvd', f), 'utf8')) as {
        metrics: Record<string, Array<{ cvssData: { vectorString: string; baseScore: number } }>>;
      };
      for (const key of ['cvssMetricV31', 'cvssMetricV30']) {
        for (const m of cve.metrics[key] ?? []) {
          expect(cvss3BaseScore(m.cvssData.vectorString).score, `${f} ${m.cvssData.vectorString}`).toBe(
            m.cvssData.baseScore,
          );
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(9);
  });

  it.each([
    ['', 'does not start with'],
    ['CVSS:2.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 'does not start with'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N', 'base metric A missing'],
    ['CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 'AV:X is not a valid value'],
    ['CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 'given twice'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N/ZZ:Q', 'unknown metric ZZ'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N/' + 'x'.repeat(1_000_000), 'malformed metric'],
  ])('refuses %j with a named error', (vector, message) => {
    expect(() => cvss3BaseScore(vector)).toThrow(message);
  });

  it('keeps error messages short for huge vectors', () => {
    try {
      cvss3BaseScore('CVSS:3.1/' + 'A'.repeat(10_000_000));
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message.length).toBeLessThan(300);
    }
  });
});

describe('helpers', () => {
  it('rates scores on the v3 scale', () => {
    expect([undefined, 0, 0.1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map(severityFromScore)).toEqual([
      'unknown',
      'negligible',
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'critical',
      'critical',
    ]);
  });
  it('names vector versions', () => {
    expect(cvssVersionOf('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toBe('4.0');
    expect(cvssVersionOf('AV:N/AC:L/Au:N/C:P/I:N/A:N')).toBe('2.0');
    expect(cvssVersionOf('garbage')).toBeUndefined();
  });
});
