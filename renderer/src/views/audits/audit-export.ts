// Container audits as downloadable JSON or CSV.
import type { AuditDto } from '../../../../electron/contract/index';
import { toCsv, toJson, type Column } from '../../lib/table-export';

const FIELDS: Array<keyof AuditDto> = [
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
const COLUMNS: Array<Column<AuditDto>> = FIELDS.map((f) => ({ header: f, value: (r) => r[f] }));

export function auditsToCsv(rows: AuditDto[]): string {
  return toCsv(COLUMNS, rows);
}

export function auditsToJson(rows: AuditDto[]): string {
  return toJson(rows);
}
