import { describe, expect, it } from 'vitest';
import type { AuditDto, Page } from '../../../../electron/contract/index';
import { auditMatches, mergeAudits } from './runtime-slice-merge';

const audit = (id: number, what: string, count = 1): AuditDto => ({
  id,
  kind: 'process',
  what,
  container: 'c',
  image: 'i',
  process: what,
  rule: 'r',
  count,
  firstSeen: 't',
  lastSeen: 't',
});

describe('live audit list', () => {
  it('puts new audits on top, updates re-counted ones, and keeps the page size', () => {
    const page: Page<AuditDto> = { items: [audit(2, 'b'), audit(1, 'a')], total: 2, page: 1, pageSize: 2 };
    const next = mergeAudits(page, [audit(1, 'a', 5), audit(3, 'c')], {});
    expect(next.items.map((x) => [x.id, x.count])).toEqual([
      [3, 1],
      [1, 5],
    ]);
    expect(next.total).toBe(3);
  });

  it('ignores pushed audits outside the filter', () => {
    const page: Page<AuditDto> = { items: [], total: 0, page: 1, pageSize: 10 };
    expect(mergeAudits(page, [audit(1, 'top')], { search: 'sleep' }).items).toEqual([]);
    expect(mergeAudits(page, [audit(1, 'top')], { kind: 'dns' }).total).toBe(0);
    expect(auditMatches(audit(1, 'TOP'), { search: 'top' })).toBe(true);
  });
});
