import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { customImporter, parseCustomEntry } from './custom';
import { runImporter } from '../../../test/fixtures/feeds/run-importer';

const fixture = path.resolve(__dirname, '../../../test/fixtures/feeds/custom.json');
const ok = { id: 'C-1', ecosystem: 'npm', package: 'a', range: '<1.0.0', severity: 'low', description: 'd' };

describe('custom feed importer', () => {
  it('reads the sample feed with normalised names and distro keys', async () => {
    expect(customImporter.detect('custom.json', readFileSync(fixture))).toBe(true);
    const { records, invalid } = await runImporter(customImporter.run, fixture);
    expect(invalid).toEqual([]);
    expect(records.map((r) => [r.id, r.severity, r.affected[0].ecoKey, r.affected[0].packageName])).toEqual([
      ['MOAT-2024-0001', 'high', 'npm', 'left-pad'],
      ['MOAT-2024-0002', 'critical', 'apk:alpine:3.10', 'busybox'],
      ['MOAT-2024-0003', 'medium', 'pypi', 'requests-toolbelt'],
    ]);
    expect(records[0].affected[0]).toMatchObject({
      rangeExpr: '>=1.0.0 <1.3.0',
      fixedVersion: '1.3.0',
      status: 'fixed',
    });
  });

  it.each([
    [{ ...ok, range: '>=1.0 <<2' }, 'range expression'],
    [{ ...ok, range: '' }, '"range" must be a non-empty string'],
    [{ ...ok, severity: 'urgent' }, 'severity "urgent" is not one of'],
    [{ ...ok, ecosystem: 'apk' }, 'needs a distro release'],
    [{ ...ok, ecosystem: 'cobol' }, 'unknown ecosystem "cobol"'],
    [{ ...ok, fixedIn: 'not a version!' }, 'fixedIn "not a version!" is not a valid'],
    [{ ...ok, id: 42 }, '"id" must be a non-empty string'],
    [{ ...ok, package: 'x'.repeat(100_000) }, '"package" is longer than'],
    [{ ...ok, description: ['x'] }, '"description" must be a string'],
  ])('refuses bad entry %#', (entry, message) => {
    expect(() => parseCustomEntry(entry)).toThrow(message);
  });

  it('counts bad entries with index and id, and refuses a non-array file by name', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'moat-custom-'));
    const file = path.join(dir, 'mine.json');
    writeFileSync(file, JSON.stringify([ok, { ...ok, id: 'C-2', severity: 5 }, 'junk']));
    const r = await runImporter(customImporter.run, file);
    expect(r.records).toHaveLength(1);
    expect(r.invalid).toEqual([
      expect.stringContaining('mine.json [1] (C-2): severity 5'),
      expect.stringContaining('mine.json [2]: entry is not an object'),
    ]);
    writeFileSync(file, '{"range": 1, "package": 2}');
    await expect(runImporter(customImporter.run, file)).rejects.toThrow(
      `${file}: a custom feed must be a JSON array`,
    );
    writeFileSync(file, '[{"range": ');
    await expect(runImporter(customImporter.run, file)).rejects.toThrow(`${file}: not valid JSON`);
  });
});
