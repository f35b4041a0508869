import { describe, expect, it } from 'vitest';
import { collectionMatches, labelMatches, type CollectionPatterns } from './collection';

const empty: CollectionPatterns = { images: [], containers: [], hosts: [], labels: [] };
const c = (patch: Partial<CollectionPatterns>): CollectionPatterns => ({ ...empty, ...patch });

describe('collections', () => {
  it('holds everything when no dimension is narrowed, or a dimension is "*"', () => {
    expect(collectionMatches(empty, { image: 'x' })).toBe(true);
    expect(collectionMatches(c({ images: ['*'] }), { image: 'moat-test/nodeapp:v1' })).toBe(true);
  });

  it('matches images by full reference, repository or short name', () => {
    const col = c({ images: ['moat-test/nodeapp:*', 'busybox'] });
    expect(collectionMatches(col, { image: 'moat-test/nodeapp:v1' })).toBe(true);
    expect(collectionMatches(col, { image: 'moat-test/busybox:latest' })).toBe(true);
    expect(collectionMatches(col, { image: 'moat-test/alpine-apk:latest' })).toBe(false);
  });

  it('matches containers by name, with or without the leading slash Docker reports', () => {
    const col = c({ containers: ['web-*'] });
    expect(collectionMatches(col, { container: 'web-1' })).toBe(true);
    expect(collectionMatches(col, { container: '/web-2' })).toBe(true);
    expect(collectionMatches(col, { container: 'db-1' })).toBe(false);
  });

  it('matches hosts by name', () => {
    const col = c({ hosts: ['lab-?', 'prod-*'] });
    expect(collectionMatches(col, { host: 'lab-1' })).toBe(true);
    expect(collectionMatches(col, { host: 'lab-12' })).toBe(false);
    expect(collectionMatches(col, { host: 'prod-db' })).toBe(true);
  });

  it('matches labels as key=value globs, and a bare key as "the label exists"', () => {
    const labels = { env: 'production', 'com.example.team': 'payments' };
    expect(labelMatches('env=prod*', labels)).toBe(true);
    expect(labelMatches('env=dev*', labels)).toBe(false);
    expect(labelMatches('com.example.*=pay*', labels)).toBe(true);
    expect(labelMatches('com.example.team', labels)).toBe(true);
    expect(labelMatches('owner', labels)).toBe(false);
    expect(labelMatches('x=a=b', { x: 'a=b' })).toBe(true);
    expect(collectionMatches(c({ labels: ['env=prod*'] }), { labels })).toBe(true);
    expect(collectionMatches(c({ labels: ['env=prod*'] }), { labels: {} })).toBe(false);
  });

  it('needs every narrowed dimension to hold the subject, skipping dimensions the subject does not have', () => {
    const col = c({ images: ['nodeapp:*'], hosts: ['lab-*'] });
    expect(collectionMatches(col, { image: 'nodeapp:v1', host: 'lab-1' })).toBe(true);
    expect(collectionMatches(col, { image: 'nodeapp:v1', host: 'prod-1' })).toBe(false);
    expect(collectionMatches(col, { image: 'busybox', host: 'lab-1' })).toBe(false);
    // A CI scan carries no container: a containers pattern does not shut it out.
    expect(
      collectionMatches(c({ images: ['nodeapp:*'], containers: ['web-*'] }), { image: 'nodeapp:v1' }),
    ).toBe(true);
  });

  it('treats hostile patterns as plain text, quickly', () => {
    const hostile = c({
      images: ['.*', '(a+)+$', '[', '\\', `${'*a'.repeat(100)}!`],
      labels: ['=', '==', '*=*=*'],
    });
    const started = performance.now();
    expect(collectionMatches(hostile, { image: 'a'.repeat(300) })).toBe(false);
    expect(collectionMatches(c({ images: ['.*'] }), { image: '.*' })).toBe(true);
    expect(collectionMatches(c({ images: ['(a+)+$'] }), { image: 'aaaa' })).toBe(false);
    expect(collectionMatches(c({ labels: ['='] }), { labels: { '': '' } })).toBe(true);
    expect(collectionMatches(c({ labels: ['='] }), { labels: { k: 'v' } })).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
