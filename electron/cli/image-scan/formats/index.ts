// Every output format of `moat images scan`, as one table.
import { renderSbom } from '../../../../agent/sbom/index';
import type { ScanReport } from '../report';
import { renderJson } from './json';
import { renderJunit } from './junit';
import { renderSarif } from './sarif';
import { renderTable } from './table';

export const SCAN_FORMATS = {
  table: (r: ScanReport, details: boolean) => renderTable(r, details),
  json: (r: ScanReport) => renderJson(r),
  sarif: (r: ScanReport) => renderSarif(r),
  junit: (r: ScanReport) => renderJunit(r),
  cyclonedx: (r: ScanReport) =>
    renderSbom('cyclonedx', { inventory: r.inventory, vulnerabilities: r.findings, tool: r.tool }),
  spdx: (r: ScanReport) => renderSbom('spdx', { inventory: r.inventory, tool: r.tool }),
} satisfies Record<string, (r: ScanReport, details: boolean) => string>;

export type ScanFormat = keyof typeof SCAN_FORMATS;

export function isScanFormat(v: string): v is ScanFormat {
  return Object.hasOwn(SCAN_FORMATS, v);
}
