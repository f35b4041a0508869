import { describe, expect, it } from 'vitest';
import type { CollectionPatterns } from './collection';
import { firstInScope, imageMatches, inScope, type CollectionLookup } from './scope';

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
    expect(inScope({ images: [], collections: [] }, 'x')).toBe(true);
    const rules = [
      { name: 'payments', scope: { images: ['payments/*'] } },
      { name: 'nodeapp', scope: { images: ['*nodeapp*'] } },
      { name: 'default' },
    ];
    expect(firstInScope(rules, 'moat-test/nodeapp:v1')?.name).toBe('nodeapp');
    expect(firstInScope(rules, 'payments/api:1')?.name).toBe('payments');
    expect(firstInScope(rules, 'busybox')?.name).toBe('default');
  });

  it('holds a subject named by any of its collections or image globs; an unknown collection holds nothing', () => {
    const stored: Record<string, CollectionPatterns> = {
      Lab: { images: [], containers: [], hosts: ['lab-*'], labels: [] },
      Prod: { images: [], containers: [], hosts: [], labels: ['env=prod'] },
    };
    const lookup: CollectionLookup = (n) => stored[n];
    const rules = [
      { name: 'gone', scope: { collections: ['Deleted'] } },
      { name: 'prod', scope: { collections: ['Prod'] } },
      { name: 'lab or busybox', scope: { collections: ['Lab'], images: ['busybox'] } },
    ];
    expect(firstInScope(rules, { image: 'a', host: 'lab-1', labels: { env: 'prod' } }, lookup)?.name).toBe(
      'prod',
    );
    expect(firstInScope(rules, { image: 'a', host: 'lab-1', labels: {} }, lookup)?.name).toBe(
      'lab or busybox',
    );
    expect(firstInScope(rules, { image: 'busybox', host: 'prod-1', labels: {} }, lookup)?.name).toBe(
      'lab or busybox',
    );
    expect(firstInScope(rules, { image: 'a', host: 'prod-1', labels: {} }, lookup)).toBeUndefined();
    expect(inScope({ collections: ['Lab'] }, { host: 'lab-2' })).toBe(false);
  });
});
