import { describe, expect, it } from 'vitest';
import { csvCell, fetchAllPages, toCsv, toJson, type Column } from './table-export';

interface Row {
  name: string;
  tags: string[];
  n?: number;
}
const columns: Array<Column<Row>> = [
  { header: 'Image', value: (r) => r.name },
  { header: 'Tags', value: (r) => r.tags },
  { header: 'Count', value: (r) => r.n },
];

describe('table export', () => {
  it('writes a header and one row per item, lists joined, missing values empty', () => {
    expect(
      toCsv(columns, [
        { name: 'busybox:1', tags: ['a', 'b'], n: 3 },
        { name: 'x', tags: [] },
      ]),
    ).toBe('Image,Tags,Count\r\nbusybox:1,a b,3\r\nx,,\r\n');
  });

  it('quotes separators and defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('a,"b"\nc')).toBe('"a,""b""\nc"');
    for (const f of ['=1+1', '+cmd', '-2', '@SUM(A1)']) expect(csvCell(f)).toBe(`"'${f}"`);
    expect(csvCell(0)).toBe('0');
  });

  it('round-trips JSON', () => {
    const rows = [{ name: 'a', tags: ['t'] }];
    expect(JSON.parse(toJson(rows))).toEqual(rows);
  });

  it('fetches every page up to the total, and stops at the cap', async () => {
    const all = Array.from({ length: 1234 }, (_, i) => i);
    const pages: number[] = [];
    const fetchPage = async (page: number, pageSize: number) => {
      pages.push(page);
      return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length, page, pageSize };
    };
    expect(await fetchAllPages(fetchPage)).toEqual(all);
    expect(pages).toEqual([1, 2, 3]);
    expect(await fetchAllPages(fetchPage, 600)).toHaveLength(600);
  });
});
