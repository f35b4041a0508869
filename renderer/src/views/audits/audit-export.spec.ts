import { describe, expect, it } from 'vitest';
import type { AuditDto } from '../../../../electron/contract/index';
import { auditsToCsv, auditsToJson } from './audit-export';

const a: AuditDto = {
  id: 1,
  kind: 'process',
  what: 'top',
  container: 'c1',
  image: 'busybox:latest',
  process: 'top',
  rule: 'process not in model',
  count: 2,
  firstSeen: 't1',
  lastSeen: 't2',
};

describe('audit export', () => {
  it('writes a header and one CSV row per audit', () => {
    expect(auditsToCsv([a])).toBe(
      'id,kind,what,container,image,process,rule,count,firstSeen,lastSeen\r\n' +
        '1,process,top,c1,busybox:latest,top,process not in model,2,t1,t2\r\n',
    );
    expect(auditsToCsv([])).toBe('id,kind,what,container,image,process,rule,count,firstSeen,lastSeen\r\n');
  });

  it('quotes commas, quotes and newlines, and defuses formula-looking cells', () => {
    const csv = auditsToCsv([{ ...a, what: '/tmp/a,"b"\nc', process: '=cmd|calc' }]);
    expect(csv).toContain('"/tmp/a,""b""\nc"');
    expect(csv).toContain(`"'=cmd|calc"`);
    expect(csv).not.toMatch(/,=cmd/);
  });

  it('round-trips JSON', () => {
    expect(JSON.parse(auditsToJson([a]))).toEqual([a]);
  });
});
