// Pure helpers of the live audit list (kept apart from the slice so they run without a browser).
import type { AuditDto, AuditKindName, Page } from '../../../../electron/contract/index';

export interface AuditFilter {
  kind?: AuditKindName;
  search?: string;
}

export function auditMatches(a: AuditDto, f: AuditFilter): boolean {
  if (f.kind && a.kind !== f.kind) return false;
  if (!f.search) return true;
  const n = f.search.toLowerCase();
  return [a.what, a.container, a.image, a.process, a.rule].some((v) => v.toLowerCase().includes(n));
}

/** Page 1 of the list with pushed rows applied: re-counted rows updated in place, new ones on top. */
export function mergeAudits(page: Page<AuditDto>, rows: AuditDto[], f: AuditFilter): Page<AuditDto> {
  const items = [...page.items];
  let added = 0;
  for (const r of rows) {
    if (!auditMatches(r, f)) continue;
    const i = items.findIndex((a) => a.id === r.id);
    if (i >= 0) items.splice(i, 1);
    else added++;
    items.unshift(r);
  }
  return { ...page, items: items.slice(0, page.pageSize), total: page.total + added };
}
