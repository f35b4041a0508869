import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { testdata } from '../../../test/setup/testdata';
import { debianTrackerImporter } from './debian-tracker';
import type { VulnRecord } from './types';
import { runImporter } from '../../../test/fixtures/feeds/run-importer';

const fixture = path.resolve(__dirname, '../../../test/fixtures/feeds/debian-edge.json');

describe('Debian tracker importer', () => {
  it('streams the real bookworm feed: 26 packages, 472 CVEs, all fixed on Debian 12', async () => {
    const { records, invalid } = await runImporter(
      debianTrackerImporter.run,
      testdata('feeds/debian-tracker/bookworm.json'),
    );
    expect(invalid).toEqual([]);
    expect(records).toHaveLength(472);
    expect(new Set(records.map((r) => r.affected[0].packageName)).size).toBe(26);
    const curl = records.find((r) => r.id === 'CVE-2023-32001');
    expect(curl?.affected).toEqual([
      expect.objectContaining({
        ecosystem: 'debian:bookworm',
        ecoKey: 'deb:debian:12',
        packageName: 'curl',
        fixedVersion: '7.88.1-10+deb12u1',
        status: 'fixed',
        severity: 'medium',
      }),
    ]);
  });

  it('maps statuses and urgencies, drops fixed_version 0 and reports bad entries', async () => {
    const { records, invalid } = await runImporter(debianTrackerImporter.run, fixture);
    const by = (id: string): VulnRecord | undefined => records.find((r) => r.id === id);
    expect(by('CVE-2099-0001')?.affected.map((a) => a.release)).toEqual(['12']);
    expect(by('CVE-2099-0001')?.affected[0].severity).toBe('high');
    expect(by('CVE-2099-0002')?.affected[0]).toMatchObject({
      status: 'open',
      severity: 'negligible',
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
    });
    expect(by('CVE-2099-0003')?.affected[0]).toMatchObject({ status: 'unknown', severity: undefined });
    expect(by('TEMP-0000000-ABCDEF')?.affected[0]).toMatchObject({ status: 'wontfix', release: '10' });
    expect(by('CVE-2099-0004')?.affected[0]).toMatchObject({
      severity: 'low',
      fixedVersion: '1:1.2.13.dfsg-1',
    });
    expect(invalid).toHaveLength(2);
    expect(invalid[0]).toMatch(
      /debian-edge\.json zlib CVE-2099-0005: release bookworm: resolved without fixed_version/,
    );
    expect(invalid[1]).toMatch(/zlib CVE-2099-0006: expected/);
  });

  it('names the file on truncated or non-tracker JSON', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(path.join(tmpdir(), 'moat-deb-'));
    const whole = readFileSync(fixture, 'utf8');
    writeFileSync(path.join(dir, 'cut.json'), whole.slice(0, whole.length / 2));
    await expect(runImporter(debianTrackerImporter.run, path.join(dir, 'cut.json'))).rejects.toThrow(
      /cut\.json: truncated JSON/,
    );
    writeFileSync(path.join(dir, 'arr.json'), '[1, 2]');
    const r = await runImporter(debianTrackerImporter.run, path.join(dir, 'arr.json'));
    expect(r.records).toEqual([]);
    expect(r.invalid).toHaveLength(2);
  });

  it('detects the tracker format', () => {
    expect(debianTrackerImporter.detect('bookworm.json', readFileSync(fixture))).toBe(true);
    expect(debianTrackerImporter.detect('x.json', Buffer.from('{"id": "CVE-1", "affected": []}'))).toBe(
      false,
    );
  });
});
