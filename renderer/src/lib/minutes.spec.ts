import { describe, expect, it } from 'vitest';
import { daysToSeconds, minutesToSeconds } from './minutes';

describe('minutesToSeconds', () => {
  it('turns typed minutes into whole seconds', () => {
    expect(minutesToSeconds('60')).toBe(3600);
    expect(minutesToSeconds('0.05')).toBe(3);
    expect(minutesToSeconds('0')).toBe(0);
    expect(minutesToSeconds('43200')).toBe(2_592_000);
  });
  it('refuses empty, non-numeric, negative and over-30-day periods', () => {
    for (const t of ['', '  ', 'abc', '-1', '43201', 'Infinity']) expect(minutesToSeconds(t)).toBeUndefined();
  });
});

describe('daysToSeconds', () => {
  it('turns typed days into whole seconds, up to a year', () => {
    expect(daysToSeconds('7')).toBe(604_800);
    expect(daysToSeconds('0.5')).toBe(43_200);
    expect(daysToSeconds('365')).toBe(31_536_000);
  });
  it('refuses empty, non-numeric, negative and over-a-year periods', () => {
    for (const t of ['', ' ', 'x', '-1', '366', 'NaN']) expect(daysToSeconds(t)).toBeUndefined();
  });
});
