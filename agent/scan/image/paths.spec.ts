import { describe, expect, it } from 'vitest';
import { normalizeMemberPath } from './paths';

describe('normalizeMemberPath', () => {
  it('takes clean names as they are, edge slashes removed', () => {
    expect(normalizeMemberPath('usr/bin/')).toBe('/usr/bin');
    expect(normalizeMemberPath('/usr/bin/env')).toBe('/usr/bin/env');
    expect(normalizeMemberPath('etc/.wh..wh..opq')).toBe('/etc/.wh..wh..opq');
    expect(normalizeMemberPath('a/..b/c.')).toBe('/a/..b/c.');
    expect(normalizeMemberPath('')).toBe('/');
    expect(normalizeMemberPath('/')).toBe('/');
  });

  it('collapses ".", empty and ".." segments that stay inside the root', () => {
    expect(normalizeMemberPath('./usr//bin/')).toBe('/usr/bin');
    expect(normalizeMemberPath('usr/lib/../bin/./sh')).toBe('/usr/bin/sh');
    expect(normalizeMemberPath('.')).toBe('/');
    expect(normalizeMemberPath('//')).toBe('/');
  });

  it('refuses names that climb above the root or hold a NUL', () => {
    expect(normalizeMemberPath('../etc/passwd')).toBeNull();
    expect(normalizeMemberPath('usr/../../etc')).toBeNull();
    expect(normalizeMemberPath('/..')).toBeNull();
    expect(normalizeMemberPath('usr/bin\0x')).toBeNull();
  });
});
