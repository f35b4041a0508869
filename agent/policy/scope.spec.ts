import { describe, expect, it } from 'vitest';
import { firstInScope, imageMatches, inScope } from './scope';

describe('rule scope', () => {
  it.each([
    ['*', 'moat-test/nodeapp:v1', true],
    ['moat-test/nodeapp:*', 'moat-test/nodeapp:v1', true],
    ['nodeapp', 'moat-test/nodeapp:v1', true],
    ['nodeapp:v2', 'moat-test/nodeapp:v1', false],
    ['moat-test/*', 'moat-test/busybox:latest', true],
    ['other/*', 'moat-test/busybox:latest', false],
    ['a.b', 'axb', false],
  ])('%s matches %s: %s', (pattern, ref, expected) => {
    expect(imageMatches(pattern, ref)).toBe(expected);
  });

  it('treats a missing or empty scope as everything, and picks the first rule in scope', () => {
    expect(inScope(undefined, 'x')).toBe(true);
    expect(inScope({ images: [] }, 'x')).toBe(true);
    const rules = [
      { name: 'payments', scope: { images: ['payments/*'] } },
      { name: 'nodeapp', scope: { images: ['*nodeapp*'] } },
      { name: 'default' },
    ];
    expect(firstInScope(rules, 'moat-test/nodeapp:v1')?.name).toBe('nodeapp');
    expect(firstInScope(rules, 'payments/api:1')?.name).toBe('payments');
    expect(firstInScope(rules, 'busybox')?.name).toBe('default');
  });
});
