import { describe, expect, it } from 'vitest';
import { globMatch, isWildcard } from './glob';

describe('globMatch', () => {
  it.each([
    ['*', '', true],
    ['*', 'anything', true],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['web-*', 'web-1', true],
    ['web-*', 'api-1', false],
    ['*-prod', 'db-prod', true],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'aXXbYY', false],
    ['a.b', 'axb', false],
    ['(x)+[y]', '(x)+[y]', true],
    ['^$', '^$', true],
    ['', '', true],
    ['', 'x', false],
  ])('%s on %s: %s', (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });

  it('stays fast on patterns built to backtrack', () => {
    const pattern = `${'*a'.repeat(150)}b`;
    const text = 'a'.repeat(5000);
    const started = performance.now();
    expect(globMatch(pattern, text)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('knows a bare wildcard', () => {
    expect(isWildcard('*')).toBe(true);
    expect(isWildcard('***')).toBe(true);
    expect(isWildcard('*a')).toBe(false);
  });
});
