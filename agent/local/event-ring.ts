// The agent's recent events, numbered: a console that reconnects asks for what came after the last one it handled,
// so nothing is sent twice and a short disconnect loses nothing. Bounded: the oldest fall off.
export interface Numbered<T> {
  seq: number;
  item: T;
}

export class EventRing<T> {
  private readonly items: Array<Numbered<T> | undefined>;
  private next = 1;

  constructor(private readonly capacity = 10_000) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`ring capacity must be ≥ 1, got ${capacity}`);
    this.items = new Array<Numbered<T> | undefined>(capacity);
  }

  /** Stores the item and returns its sequence number (1, 2, …). */
  push(item: T): number {
    const seq = this.next++;
    this.items[seq % this.capacity] = { seq, item };
    return seq;
  }

  /** The last sequence number handed out (0 before the first). */
  get last(): number {
    return this.next - 1;
  }

  /** Items after `after`, oldest first, and how many of them are no longer held. */
  since(after: number): { items: Array<Numbered<T>>; missed: number } {
    const from = Math.max(after + 1, 1);
    const oldest = Math.max(this.next - this.capacity, 1);
    const missed = Math.max(0, oldest - from);
    const items: Array<Numbered<T>> = [];
    for (let s = Math.max(from, oldest); s < this.next; s++) {
      const n = this.items[s % this.capacity];
      if (n && n.seq === s) items.push(n);
    }
    return { items, missed };
  }
}
