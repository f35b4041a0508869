// Lists as downloadable CSV (RFC 4180 quoting; formula-looking cells defused for spreadsheets) or JSON.
import type { Page } from '../../../electron/contract/index';

export interface Column<T> {
  header: string;
  value(row: T): unknown;
}

export function csvCell(v: unknown): string {
  let s = v === undefined || v === null ? '' : Array.isArray(v) ? v.join(' ') : String(v);
  // A cell starting with = + - @ would run as a formula in a spreadsheet: image names and audit text are not ours.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n']/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv<T>(columns: ReadonlyArray<Column<T>>, rows: readonly T[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(c.value(r))).join(','));
  return lines.join('\r\n') + '\r\n';
}

export function toJson(rows: readonly unknown[]): string {
  return JSON.stringify(rows, null, 2) + '\n';
}

/** Every row of a paged list, page by page, up to a cap so one click cannot pull a whole database. */
export async function fetchAllPages<T>(
  fetchPage: (page: number, pageSize: number) => Promise<Page<T>>,
  cap = 10_000,
): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; out.length < cap; page++) {
    const p = await fetchPage(page, 500);
    out.push(...p.items);
    if (p.items.length === 0 || out.length >= p.total) break;
  }
  return out.slice(0, cap);
}

export function downloadText(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function exportStamp(now = new Date()): string {
  return now.toISOString().replace(/[:.]/g, '-');
}
