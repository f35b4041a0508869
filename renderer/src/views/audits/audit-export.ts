// Container audits as downloadable JSON or CSV (RFC 4180 quoting; formula-looking cells defused for spreadsheets).
import type { AuditDto } from '../../../../electron/contract/index';

const COLUMNS: Array<keyof AuditDto> = [
  'id',
  'kind',
  'what',
  'container',
  'image',
  'process',
  'rule',
  'count',
  'firstSeen',
  'lastSeen',
];

function csvCell(v: unknown): string {
  let s = v === undefined || v === null ? '' : String(v);
  // A cell starting with = + - @ would run as a formula in a spreadsheet: audit text is attacker-controlled.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n']/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function auditsToCsv(rows: AuditDto[]): string {
  const lines = [COLUMNS.join(',')];
  for (const r of rows) lines.push(COLUMNS.map((c) => csvCell(r[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}

export function auditsToJson(rows: AuditDto[]): string {
  return JSON.stringify(rows, null, 2) + '\n';
}
