import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { testdata } from '../../../test/setup/testdata';
import { parseOsvRecord } from './osv-record';
import { osvImporter } from './osv';

const osv = (dir: string, id: string): unknown =>
  JSON.parse(readFileSync(testdata('feeds/osv', dir, `${id}.json`), 'utf8'));

describe('parseOsvRecord', () => {
  it('reads a GitHub advisory: aliases, severity, CVSS and both minimist lines', () => {
    const r = parseOsvRecord(osv('npm', 'GHSA-vh95-rmgr-6w4m'));
    expect(r).toMatchObject({
      id: 'GHSA-vh95-rmgr-6w4m',
      aliases: ['CVE-2020-7598'],
      summary: 'Prototype Pollution in minimist',
      published: '2020-04-03T21:48:32Z',
      modified: '2022-04-26T21:01:40Z',
      severity: 'medium',
      cvssVector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L',
      cvssVersion: '3.1',
      cvssScore: 5.6,
    });
    expect(r.affected.map((a) => [a.ecoKey, a.packageName, a.fixedVersion])).toEqual([
      ['npm', 'minimist', '0.2.1'],
      ['npm', 'minimist', '1.2.3'],
    ]);
  });

  it('keeps last_affected, empty severity and non-semver introduced as given', () => {
    const ip = parseOsvRecord(osv('npm', 'GHSA-78xj-cgh5-2h22'));
    expect(ip.cvssVector).toBeUndefined();
    expect(ip.affected[0].ranges[0].events).toContainEqual({ last_affected: '1.1.8' });
    expect(ip.affected[0].status).toBe('open');
    const nf = parseOsvRecord(osv('npm', 'GHSA-r683-j2x4-v87g'));
    expect(nf.affected.flatMap((a) => a.ranges.flatMap((x) => x.events))).toContainEqual({
      introduced: '1.0',
    });
    expect(parseOsvRecord(osv('Go', 'GO-2024-2887')).modified).toBe('0001-01-01T00:00:00Z');
  });

  it('maps distro ecosystems, versions lists, GIT ranges and Debian urgency', () => {
    const musl = parseOsvRecord(osv('Alpine_v3.16', 'CVE-2025-26519'));
    const v318 = musl.affected.find((a) => a.ecosystem === 'Alpine:v3.18');
    expect(v318).toMatchObject({ ecoKey: 'apk:alpine:3.18', packageName: 'musl', fixedVersion: '1.2.4-r3' });
    expect(v318?.versions).toContain('1.2.4-r0');
    expect(musl.affected.some((a) => a.ecoKey === 'deb:debian:12')).toBe(true);
    // The package-less GIT entry is checked but not stored: there is no package to match it by.
    expect(musl.affected).toHaveLength(10);
    const odbc = parseOsvRecord(osv('Debian_10', 'CVE-2024-1013'));
    expect(odbc.affected[0]).toMatchObject({
      ecoKey: 'deb:debian:10',
      severity: 'negligible',
      status: 'open',
    });
    const crossEco = parseOsvRecord(osv('npm', 'GHSA-rc47-6667-2j5j'));
    expect(crossEco.affected.map((a) => a.ecoKey)).toContain('maven');
  });

  it('parses every real record in the test data', () => {
    const dirs = ['npm', 'crates.io', 'Go', 'Maven', 'Debian_10', 'OSS-Fuzz', 'Alpine_v3.16'];
    let n = 0;
    for (const d of dirs) {
      for (const f of readdirSync(testdata('feeds/osv', d))) {
        expect(() => parseOsvRecord(osv(d, f.replace(/\.json$/, '')))).not.toThrow();
        n++;
      }
    }
    expect(n).toBe(62);
  });

  const base = { id: 'OSV-X-1', modified: '2024-01-01T00:00:00Z' };
  it.each([
    [
      { ...base, affected: [{ package: { ecosystem: 'npm', name: 'a' }, ranges: 'oops' }] },
      'OSV-X-1: affected[0].ranges must be an array',
    ],
    [
      {
        ...base,
        affected: [
          {
            package: { ecosystem: 'npm', name: 'a' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: 0 }] }],
          },
        ],
      },
      'events[0].introduced must be a non-empty string',
    ],
    [
      {
        ...base,
        affected: [{ package: { ecosystem: 'npm', name: 'a' }, ranges: [{ type: 'WEIRD', events: [] }] }],
      },
      'type must be ECOSYSTEM, SEMVER or GIT',
    ],
    [
      {
        ...base,
        affected: [
          {
            package: { ecosystem: 'npm', name: 'a' },
            ranges: [{ type: 'SEMVER', events: [{ introduced: '0', fixed: '1' }] }],
          },
        ],
      },
      'exactly one of',
    ],
    [
      { ...base, affected: [{ package: { ecosystem: 'npm' } }] },
      'affected[0].package.name must be a non-empty string',
    ],
    [{ ...base, affected: [{ package: 'npm/a' }] }, 'affected[0].package must be an object'],
    [
      { ...base, affected: [{ ranges: [{ type: 'GIT', events: 'x' }] }] },
      'affected[0].ranges[0].events must be a non-empty array',
    ],
    [
      { ...base, affected: [{ package: { ecosystem: 'npm', name: 'a' }, versions: [1, 2] }] },
      'versions[0] must be a non-empty string',
    ],
    [{ ...base, aliases: 'CVE-1' }, 'aliases must be an array'],
    [{ ...base, affected: {} }, 'affected must be an array'],
    [{ ...base, id: 'x'.repeat(1000) }, 'id is 1000 characters'],
    [{ modified: 'x' }, 'id must be a non-empty string'],
    ['a string', 'record is not a JSON object'],
  ])('refuses wrong types with the record id (%#)', (value, message) => {
    expect(() => parseOsvRecord(value)).toThrow(message);
  });

  it('clips a 100 MB description instead of storing it', () => {
    const huge = 'A'.repeat(100 * 1024 * 1024);
    const r = parseOsvRecord({ ...base, details: huge, summary: huge, affected: [] });
    expect(r.description?.length).toBeLessThanOrEqual(64 * 1024 + 1);
    expect(r.summary?.length).toBeLessThanOrEqual(64 * 1024 + 1);
  });

  it('keeps a record whose CVSS vector is unusable, without a score', () => {
    const r = parseOsvRecord({
      ...base,
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:Q' }],
      affected: [],
    });
    expect(r.cvssVector).toBe('CVSS:3.1/AV:Q');
    expect(r.cvssScore).toBeUndefined();
  });

  it('detects OSV records and zips but not NVD or secdb files', () => {
    expect(
      osvImporter.detect('a.json', readFileSync(testdata('feeds/osv/npm/GHSA-vh95-rmgr-6w4m.json'))),
    ).toBe(true);
    expect(osvImporter.detect('all.zip', Buffer.from('PK\u0003\u0004'))).toBe(true);
    expect(osvImporter.detect('x.json', Buffer.from('{"distroversion": "v3.1"}'))).toBe(false);
  });
});
