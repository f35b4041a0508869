import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testdata } from '../../../test/setup/testdata';
import { nvdImporter, parseNvdCve } from './nvd';
import { runImporter } from '../../../test/fixtures/feeds/run-importer';

const cve = (id: string): Record<string, unknown> =>
  JSON.parse(readFileSync(testdata('feeds/nvd', `${id}.json`), 'utf8')) as Record<string, unknown>;

describe('NVD CVE 2.0 importer', () => {
  it('takes the v3.1 vector and English description', () => {
    expect(parseNvdCve(cve('CVE-2019-1551'))).toMatchObject({
      id: 'CVE-2019-1551',
      cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N',
      cvssVersion: '3.1',
      cvssScore: 5.3,
      severity: 'medium',
    });
    const musl = parseNvdCve(cve('CVE-2019-14697'));
    expect([musl.cvssScore, musl.severity]).toEqual([9.8, 'critical']);
    expect(musl.description).toMatch(/^musl libc/);
    expect(musl.published).toMatch(/^2019-/);
  });

  it('prefers NVD Primary over a Secondary v3.1, and uses v3.0 when there is no v3.1', () => {
    expect(parseNvdCve(cve('CVE-2018-20679'))).toMatchObject({
      cvssVector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
      cvssVersion: '3.0',
      cvssScore: 7.5,
    });
    expect(parseNvdCve(cve('CVE-2018-14404')).cvssVersion).toBe('3.0');
    expect(parseNvdCve(cve('CVE-2016-8859'))).toMatchObject({ cvssVersion: '3.0', cvssScore: 9.8 });
    const both = cve('CVE-2019-1551');
    const metrics = both.metrics as Record<string, unknown>;
    const v31 = metrics.cvssMetricV31 as Array<Record<string, unknown>>;
    metrics.cvssMetricV30 = [
      {
        ...v31[0],
        cvssData: {
          version: '3.0',
          vectorString: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
          baseScore: 9.8,
        },
      },
    ];
    expect(parseNvdCve(both).cvssVersion).toBe('3.1');
  });

  it('falls back to v4.0 and v2 scores as NVD gives them, and accepts records without metrics', () => {
    const v2only = {
      ...cve('CVE-2019-1551'),
      metrics: { cvssMetricV2: (cve('CVE-2019-1551').metrics as Record<string, unknown>).cvssMetricV2 },
    };
    expect(parseNvdCve(v2only)).toMatchObject({ cvssVersion: '2.0', cvssScore: 5, severity: 'medium' });
    const v4 = {
      id: 'CVE-2024-0001',
      metrics: {
        cvssMetricV40: [
          {
            type: 'Primary',
            cvssData: {
              vectorString: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
              baseScore: 9.3,
            },
          },
        ],
      },
    };
    expect(parseNvdCve(v4)).toMatchObject({ cvssVersion: '4.0', cvssScore: 9.3, severity: 'critical' });
    const bare = parseNvdCve({ id: 'CVE-2024-0002', descriptions: [{ lang: 'en', value: 'new' }] });
    expect(bare).toEqual({ id: 'CVE-2024-0002', description: 'new' });
  });

  it('refuses records that are not CVEs and bad metrics by name', () => {
    expect(() => parseNvdCve({ id: 'GHSA-1' })).toThrow('id "GHSA-1" is not a CVE id');
    expect(() => parseNvdCve([])).toThrow('not a JSON object');
    expect(() => parseNvdCve({ id: 'CVE-2024-0003', metrics: 'high' })).toThrow(
      'CVE-2024-0003: metrics must be an object',
    );
  });

  it('streams an API page of {vulnerabilities: [{cve}]} and reports bad entries by index', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'moat-nvd-'));
    const file = path.join(dir, 'page.json');
    const page = {
      resultsPerPage: 3,
      format: 'NVD_CVE',
      version: '2.0',
      vulnerabilities: [
        { cve: cve('CVE-2019-1551') },
        { cve: { id: 'bad' } },
        { cve: cve('CVE-2019-14697') },
      ],
    };
    writeFileSync(file, JSON.stringify(page));
    expect(nvdImporter.detect('page.json', readFileSync(file))).toBe(true);
    const r = await runImporter(nvdImporter.run, file);
    expect(r.enrich.map((e) => e.id)).toEqual(['CVE-2019-1551', 'CVE-2019-14697']);
    expect(r.invalid).toEqual([
      expect.stringContaining('page.json vulnerabilities[1]: id "bad" is not a CVE id'),
    ]);
    const single = await runImporter(nvdImporter.run, testdata('feeds/nvd/CVE-2019-5747.json'));
    expect(single.enrich.map((e) => e.id)).toEqual(['CVE-2019-5747']);
  });
});
