import { describe, expect, it } from 'vitest';
import { classifyLicense, knownLicenseId } from './licenses';

describe('classifyLicense', () => {
  it.each([
    ['MIT', { kind: 'id', id: 'MIT' }],
    [' apache-2.0 ', { kind: 'id', id: 'Apache-2.0' }],
    ['MIT OR Apache-2.0', { kind: 'expression', expression: 'MIT OR Apache-2.0' }],
    ['mit and isc', { kind: 'expression', expression: 'MIT AND ISC' }],
    ['GPL-2+', { kind: 'name', name: 'GPL-2+' }],
    ['MIT OR', { kind: 'name', name: 'MIT OR' }],
    ['MIT WITH Classpath', { kind: 'name', name: 'MIT WITH Classpath' }],
    ['(MIT OR ISC)', { kind: 'name', name: '(MIT OR ISC)' }],
    ['', { kind: 'name', name: '' }],
  ])('%j', (input, expected) => {
    expect(classifyLicense(input)).toEqual(expected);
  });

  it('never claims an unknown id, whatever the input', () => {
    expect(knownLicenseId('NotALicense-1.0')).toBeUndefined();
    expect(knownLicenseId('constructor')).toBeUndefined();
    const huge = 'MIT OR '.repeat(50_000) + 'MIT';
    expect(classifyLicense(huge).kind).toBe('expression');
    expect(classifyLicense('\u0000\uffff').kind).toBe('name');
  });
});
