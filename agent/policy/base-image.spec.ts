import { describe, expect, it } from 'vitest';
import { baseImageOf, isInherited, splitInherited } from './base-image';

const alpine = { ref: 'alpine:3.10', diffIds: ['sha256:a'] };
const alpineTools = { ref: 'alpine-tools:1', diffIds: ['sha256:a', 'sha256:t'] };
const debian = { ref: 'debian:12', diffIds: ['sha256:d'] };

describe('baseImageOf', () => {
  it('finds the base whose layers the image starts with', () => {
    expect(baseImageOf(['sha256:d', 'sha256:app'], [alpine, debian])).toBe(debian);
  });

  it('prefers the most specific base when several are prefixes', () => {
    expect(baseImageOf(['sha256:a', 'sha256:t', 'sha256:app'], [alpine, alpineTools])).toBe(alpineTools);
    expect(baseImageOf(['sha256:a', 'sha256:t', 'sha256:app'], [alpineTools, alpine])).toBe(alpineTools);
  });

  it('does not treat the base itself as derived from it', () => {
    expect(baseImageOf(['sha256:a'], [alpine])).toBeUndefined();
  });

  it('needs every base layer in order at the start, not anywhere', () => {
    expect(baseImageOf(['sha256:x', 'sha256:a'], [alpine])).toBeUndefined();
    expect(baseImageOf(['sha256:t', 'sha256:a', 'sha256:b'], [alpineTools])).toBeUndefined();
    expect(baseImageOf(['sha256:a', 'sha256:x', 'sha256:y'], [alpineTools])).toBeUndefined();
  });

  it('ignores a base with no layers and an image with none', () => {
    expect(baseImageOf(['sha256:a'], [{ ref: 'empty', diffIds: [] }])).toBeUndefined();
    expect(baseImageOf([], [alpine])).toBeUndefined();
  });
});

describe('isInherited / splitInherited', () => {
  it('counts packages from the base layers as inherited and later layers as the image own', () => {
    expect(isInherited(0, alpineTools)).toBe(true);
    expect(isInherited(1, alpineTools)).toBe(true);
    expect(isInherited(2, alpineTools)).toBe(false);
  });

  it('never hides a package of unknown layer, or anything when there is no base', () => {
    expect(isInherited(undefined, alpine)).toBe(false);
    expect(isInherited(0, undefined)).toBe(false);
  });

  it('splits rows by the layer that introduced their package', () => {
    const rows = [{ id: 'CVE-1', layerIndex: 0 }, { id: 'CVE-2', layerIndex: 1 }, { id: 'CVE-3' }];
    const { own, inherited } = splitInherited(rows, alpine);
    expect(own.map((r) => r.id)).toEqual(['CVE-2', 'CVE-3']);
    expect(inherited.map((r) => r.id)).toEqual(['CVE-1']);
  });
});
