import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce';

describe('coalesce', () => {
  it('runs once at a time and once more for all calls made meanwhile', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const run = coalesce(
      () =>
        new Promise<void>((r) => {
          runs++;
          release = r;
        }),
    );
    run();
    for (let i = 0; i < 1000; i++) run();
    expect(runs).toBe(1);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toBe(2);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toBe(2);
  });

  it('keeps going after a failed run', async () => {
    let runs = 0;
    const run = coalesce(async () => {
      runs++;
      throw new Error('offline');
    });
    run();
    await new Promise((r) => setTimeout(r, 0));
    run();
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toBe(2);
  });
});
