import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { testdata } from '../../../test/setup/testdata';
import { secdbRecords, splitSecfixIds, alpineSecdbImporter } from './alpine-secdb';
import type { VulnRecord } from './types';

function load(branch: string, repo = 'main'): { records: VulnRecord[]; invalid: string[] } {
  const invalid: string[] = [];
  const file = testdata('feeds/alpine-secdb', branch, `${repo}.json`);
  const records = secdbRecords(JSON.parse(readFileSync(file, 'utf8')), file, {
    invalid: (w, r) => invalid.push(`${w}: ${r}`),
  });
  return { records, invalid };
}

function fixes(records: VulnRecord[], pkg: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of records) {
    const a = r.affected[0];
    if (a.packageName !== pkg) continue;
    (out[a.fixedVersion as string] ??= []).push(r.id);
  }
  return out;
}

describe('Alpine secdb importer', () => {
  it('reads v3.11 main: 175 packages, openssl and musl fixes on branch 3.11', () => {
    const file = testdata('feeds/alpine-secdb/v3.11/main.json');
    expect((JSON.parse(readFileSync(file, 'utf8')) as { packages: unknown[] }).packages).toHaveLength(175);
    const { records, invalid } = load('v3.11');
    expect(invalid).toEqual([]);
    expect(fixes(records, 'openssl')['1.1.1d-r3']).toEqual(['CVE-2019-1551']);
    expect(fixes(records, 'openssl')['1.1.1d-r1']).toEqual([
      'CVE-2019-1547',
      'CVE-2019-1549',
      'CVE-2019-1563',
    ]);
    expect(fixes(records, 'musl')['1.1.23-r2']).toEqual(['CVE-2019-14697']);
    const musl = records.find((r) => r.id === 'CVE-2019-14697')?.affected[0];
    expect(musl).toMatchObject({
      ecosystem: 'Alpine:v3.11',
      ecoKey: 'apk:alpine:3.11',
      release: '3.11',
      status: 'fixed',
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.1.23-r2' }] }],
    });
  });

  it('keeps v3.10 apart: musl fixed in 1.1.22-r3 and no CVE-2019-1551', () => {
    const { records } = load('v3.10');
    expect(fixes(records, 'musl')['1.1.22-r3']).toEqual(['CVE-2019-14697']);
    expect(records.some((r) => r.id === 'CVE-2019-1551')).toBe(false);
    expect(records.every((r) => r.affected[0].ecoKey === 'apk:alpine:3.10')).toBe(true);
  });

  it('skips version "0" (never affected) and dedupes repeated ids', () => {
    expect(Object.keys(fixes(load('v3.8').records, 'db'))).not.toContain('0');
    const sqlite = fixes(load('v3.11').records, 'sqlite')['3.30.1-r1'];
    expect(sqlite.filter((id) => id === 'CVE-2019-19242')).toHaveLength(1);
  });

  it('splits junk ids and accepts null secfixes and null packages', () => {
    expect(splitSecfixIds('CVE-2016-10013 XSA-204')).toEqual(['CVE-2016-10013', 'XSA-204']);
    expect(splitSecfixIds('CVE-2018-14461 (LDP)')).toEqual(['CVE-2018-14461']);
    expect(splitSecfixIds('CVE 2018-16859')).toEqual(['CVE-2018-16859']);
    expect(splitSecfixIds('CVE_2019-2426')).toEqual(['CVE-2019-2426']);
    expect(splitSecfixIds('wnpa-sec-2017-18')).toEqual(['wnpa-sec-2017-18']);
    expect(splitSecfixIds('see upstream')).toEqual([]);
    expect(load('v3.6').invalid).toEqual([]);
    expect(load('v3.3', 'community').records).toEqual([]);
  });

  it('counts bad entries with their place and refuses bad documents by name', () => {
    const invalid: string[] = [];
    const sink = { invalid: (w: string, r: string): number => invalid.push(`${w}: ${r}`) };
    const doc = {
      distroversion: 'v3.12',
      packages: [
        { pkg: { name: 'ok', secfixes: { '1.0-r1': ['CVE-2020-0001'] } } },
        { pkg: { name: 42 } },
        { pkg: { name: 'x', secfixes: { '1.0-r0': 'CVE-2020-0002' } } },
        { pkg: { name: 'y', secfixes: { '1.0-r0': ['not an id'] } } },
      ],
    };
    expect(secdbRecords(doc, 'f.json', sink).map((r) => r.id)).toEqual(['CVE-2020-0001']);
    expect(invalid).toHaveLength(3);
    expect(invalid[0]).toContain('f.json packages[1]');
    expect(() => secdbRecords({ distroversion: 'v3.12', packages: 'openssl' }, 'f.json', sink)).toThrow(
      'f.json: "packages" must be an array or null, found string',
    );
    expect(() => secdbRecords({ packages: [] }, 'f.json', sink)).toThrow('f.json: distroversion');
    expect(() => secdbRecords([1, 2], 'f.json', sink)).toThrow('not an Alpine secdb document');
  });

  it('detects secdb files but not other JSON', () => {
    expect(
      alpineSecdbImporter.detect('main.json', readFileSync(testdata('feeds/alpine-secdb/v3.10/main.json'))),
    ).toBe(true);
    expect(alpineSecdbImporter.detect('x.json', Buffer.from('{"id": "GHSA-1", "affected": []}'))).toBe(false);
  });
});
