import { describe, expect, it } from 'vitest';
import { eventPredates, parentChain } from './enrich';
import type { ProcStat } from './proc-read';

const table: Record<number, ProcStat> = {
  30: { pid: 30, comm: 'top', ppid: 20, startTime: 3 },
  20: { pid: 20, comm: 'sh', ppid: 10, startTime: 2 },
  10: { pid: 10, comm: 'containerd-shim', ppid: 1, startTime: 1 },
  40: { pid: 40, comm: 'httpd', ppid: 10, startTime: 1 },
  50: { pid: 50, comm: 'loop', ppid: 50, startTime: 1 },
};
const read = (pid: number): ProcStat | undefined => table[pid];

describe('parentChain', () => {
  it('walks up to the shim for a docker exec', () => {
    expect(parentChain(20, 40, read)).toEqual(['sh', 'containerd-shim']);
  });
  it('stops at the container init', () => {
    expect(parentChain(40, 40, read)).toEqual(['httpd']);
  });
  it('stops when a parent is gone and is bounded on a cycle', () => {
    expect(parentChain(99, 40, read)).toEqual([]);
    expect(parentChain(50, 40, read)).toHaveLength(16);
  });
});

describe('eventPredates', () => {
  const created = Date.parse('2026-01-01T10:00:00.500Z');
  it('tells an event of a dead container whose namespace number was reused from one of the new container', () => {
    expect(eventPredates('2026-01-01T10:00:00.100Z', created)).toBe(true);
    expect(eventPredates('2026-01-01T10:00:00.500Z', created)).toBe(false);
    expect(eventPredates('2026-01-01T10:00:01.000Z', created)).toBe(false);
  });
  it('keeps the event when either time is unknown', () => {
    expect(eventPredates('2026-01-01T10:00:00.100Z', undefined)).toBe(false);
    expect(eventPredates('not a time', created)).toBe(false);
  });
});
