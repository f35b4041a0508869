import { describe, expect, it } from 'vitest';
import { EventRing } from './event-ring';

describe('EventRing', () => {
  it('numbers items from 1 and returns those after a cursor, oldest first', () => {
    const r = new EventRing<string>(4);
    expect(r.last).toBe(0);
    expect(r.since(0)).toEqual({ items: [], missed: 0 });
    for (const s of ['a', 'b', 'c']) r.push(s);
    expect(r.since(1).items.map((n) => n.item)).toEqual(['b', 'c']);
    expect(r.since(3)).toEqual({ items: [], missed: 0 });
    // a cursor from the future (another agent's numbers) gives nothing rather than garbage
    expect(r.since(99)).toEqual({ items: [], missed: 0 });
  });

  it('counts what fell off the end instead of pretending it was sent', () => {
    const r = new EventRing<number>(3);
    for (let i = 1; i <= 10; i++) r.push(i);
    expect(r.last).toBe(10);
    expect(r.since(0)).toEqual({
      items: [8, 9, 10].map((n) => ({ seq: n, item: n })),
      missed: 7,
    });
    expect(r.since(8)).toEqual({
      items: [
        { seq: 9, item: 9 },
        { seq: 10, item: 10 },
      ],
      missed: 0,
    });
  });

  it('refuses a capacity that cannot hold anything', () => {
    expect(() => new EventRing(0)).toThrow(/capacity must be ≥ 1, got 0/);
  });
});
