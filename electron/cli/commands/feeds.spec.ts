import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { feedListRows } from './feeds';
import { describeSummary, isBundle } from './feeds-import';

describe('feedListRows', () => {
  it('computes whole days since import and keeps a missing newest-modified as null', () => {
    const now = Date.parse('2026-01-11T12:00:00Z');
    const rows = feedListRows(
      [
        {
          name: 'osv',
          source: 's',
          importedAt: '2026-01-01T13:00:00Z',
          recordCount: 5,
          invalidCount: 1,
          newestModified: '2025-12-31T00:00:00Z',
        },
        { name: 'nvd', source: 't', importedAt: '2026-01-11T11:59:00Z', recordCount: 0, invalidCount: 0 },
      ],
      now,
    );
    expect(rows).toEqual([
      {
        feed: 'osv',
        source: 's',
        importedAt: '2026-01-01T13:00:00Z',
        ageDays: 9,
        records: 5,
        invalid: 1,
        newestModified: '2025-12-31T00:00:00Z',
      },
      {
        feed: 'nvd',
        source: 't',
        importedAt: '2026-01-11T11:59:00Z',
        ageDays: 0,
        records: 0,
        invalid: 0,
        newestModified: null,
      },
    ]);
  });
});

describe('isBundle', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-isbundle-'));
  const write = (name: string, data: Buffer): string => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, data);
    return p;
  };

  it('knows a bundle by its .moat name or a first tar entry named manifest.json', () => {
    expect(isBundle(write('x.moat', Buffer.alloc(0)))).toBe(true);
    const header = Buffer.alloc(512);
    header.write('manifest.json\0');
    expect(isBundle(write('feeds.tar', header))).toBe(true);
  });

  it('does not claim JSON, zips, short files or missing files', () => {
    expect(isBundle(write('a.json', Buffer.from('{"manifest.json": 1}')))).toBe(false);
    expect(isBundle(write('a.zip', Buffer.from([0x50, 0x4b, 0x03, 0x04])))).toBe(false);
    expect(isBundle(write('short', Buffer.from('manifest.json\0')))).toBe(false);
    expect(isBundle(path.join(dir, 'absent'))).toBe(false);
  });
});

describe('describeSummary', () => {
  it('names each feed, its source and counts, skipped files and the database', () => {
    const text = describeSummary({
      path: '/data/intel.db',
      feeds: [{ name: 'osv', source: 'a.zip', records: 3, invalid: 2, problems: [] }],
      skipped: ['dir/readme.txt'],
    });
    expect(text).toBe(
      'imported osv from a.zip: 3 records, 2 invalid (skipped)\nskipped dir/readme.txt: not a recognised feed file\nintel.db: /data/intel.db\n',
    );
  });
});
