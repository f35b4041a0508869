import { describe, expect, it } from 'vitest';
import type { Severity, VulnFinding } from '../model/finding';
import { judgeVulns, type VulnRule } from './vuln-rule';
import { judgeCompliance } from './compliance-rule';
import { THRESHOLDS, type Threshold } from './severity-threshold';

const NOW = new Date('2026-11-23T12:00:00Z');

function finding(severity: Severity, over: Partial<VulnFinding> = {}): VulnFinding {
  return {
    id: 'CVE-2024-0001',
    aliases: ['GHSA-aaaa-bbbb-cccc'],
    severity,
    status: 'fixed',
    fixedIn: '1.0.1',
    feed: 'test',
    published: '2024-01-01T00:00:00Z',
    package: {
      name: 'libfoo',
      version: '1.0.0',
      ecosystem: 'deb',
      purl: 'pkg:deb/debian/libfoo@1.0.0',
      licenses: [],
      foundIn: '/var/lib/dpkg/status',
      sourceName: 'foo',
    },
    ...over,
  };
}

const RANK: Record<string, number> = { unknown: 0, negligible: 1, low: 2, medium: 3, high: 4, critical: 5 };
const SEVERITIES: Severity[] = ['unknown', 'negligible', 'low', 'medium', 'high', 'critical'];

describe('vulnerability verdict', () => {
  const table = SEVERITIES.flatMap((s) => THRESHOLDS.map((t) => [s, t, RANK[s] >= RANK[t]] as const));
  it.each(table)('a %s finding under failure threshold %s fails: %s', (sev, threshold, fails) => {
    const v = judgeVulns([finding(sev)], { name: 'r', failThreshold: threshold }, NOW);
    expect(v.pass).toBe(!fails);
    expect(v.failing).toBe(fails ? 1 : 0);
  });

  it.each(THRESHOLDS.map((t) => [t] as [Threshold]))('alert threshold %s alerts without failing', (t) => {
    const v = judgeVulns([finding('critical')], { name: 'r', alertThreshold: t }, NOW);
    expect(v.pass).toBe(true);
    expect(v.alerting).toBe(1);
  });

  it('never fails without a failure threshold', () => {
    expect(judgeVulns([finding('critical')], { name: 'r' }, NOW).pass).toBe(true);
  });

  it('only-fixed ignores findings without a fix and still fails fixable ones', () => {
    const rule: VulnRule = { name: 'r', failThreshold: 'high', onlyFixed: true };
    expect(judgeVulns([finding('critical', { fixedIn: undefined, status: 'open' })], rule, NOW).pass).toBe(
      true,
    );
    expect(judgeVulns([finding('critical')], rule, NOW).pass).toBe(false);
  });

  it('grace days turn a recent finding into an alert and an old one into a failure', () => {
    const rule: VulnRule = { name: 'r', failThreshold: 'high', graceDays: 30 };
    const recent = finding('high', { published: '2026-11-10T00:00:00Z' });
    const old = finding('high', { published: '2026-10-01T00:00:00Z' });
    expect(judgeVulns([recent], rule, NOW).judged[0].disposition).toBe('grace');
    expect(judgeVulns([recent], rule, NOW).pass).toBe(true);
    expect(judgeVulns([old], rule, NOW).pass).toBe(false);
  });

  it('a live exception excuses a finding (by id, alias or package) and an expired one does not', () => {
    const live = { id: 'CVE-2024-0001', expires: '2026-12-31', reason: 'vendor patch pending' };
    const expired = { id: 'CVE-2024-0001', expires: '2026-11-01' };
    const rule = (e: VulnRule['exceptions']): VulnRule => ({
      name: 'r',
      failThreshold: 'low',
      exceptions: e,
    });
    expect(judgeVulns([finding('critical')], rule([live]), NOW).pass).toBe(true);
    expect(judgeVulns([finding('critical')], rule([live]), NOW).judged[0].exception?.reason).toBe(
      'vendor patch pending',
    );
    expect(judgeVulns([finding('critical')], rule([expired]), NOW).pass).toBe(false);
    expect(judgeVulns([finding('critical')], rule([{ id: 'GHSA-aaaa-bbbb-cccc' }]), NOW).pass).toBe(true);
    expect(judgeVulns([finding('critical')], rule([{ id: '*', package: 'foo' }]), NOW).pass).toBe(true);
    expect(judgeVulns([finding('critical')], rule([{ id: '*', package: 'other' }]), NOW).pass).toBe(false);
    expect(judgeVulns([finding('critical')], rule([{ id: '*' }]), NOW).pass).toBe(false);
  });
});

describe('compliance verdict', () => {
  const r = (
    checkId: number,
    status: 'pass' | 'fail' | 'error' | 'not_applicable',
    severity: 'high' | 'low' = 'high',
  ) => ({
    checkId,
    status,
    severity,
  });
  it('fails on a failed check whose effect is fail, alerts otherwise, ignores ignored ones', () => {
    const v = judgeCompliance([r(424, 'fail'), r(41, 'fail'), r(46, 'fail')], {
      name: 'c',
      effects: { '424': 'fail', '46': 'ignore' },
    });
    expect(v.pass).toBe(false);
    expect(v.judged.map((j) => j.outcome)).toEqual(['fail', 'alert', 'ok']);
  });

  it('treats an error under a fail effect as a failure, never as a pass', () => {
    expect(judgeCompliance([r(9000, 'error')], { name: 'c', effects: { '9000': 'fail' } }).pass).toBe(false);
    expect(
      judgeCompliance([r(9000, 'not_applicable')], { name: 'c', effects: { '9000': 'fail' } }).pass,
    ).toBe(true);
  });

  it.each(THRESHOLDS.map((t) => [t] as [Threshold]))(
    'threshold %s fails failed checks at or above it',
    (t) => {
      const v = judgeCompliance([r(1, 'fail', 'high'), r(2, 'fail', 'low')], { name: 'c', failThreshold: t });
      // high-severity failure counts for low/medium/high thresholds; the low-severity one only for "low".
      expect(v.failing).toBe(t === 'low' ? 2 : t === 'critical' ? 0 : 1);
    },
  );
});
