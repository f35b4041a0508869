import { describe, expect, it } from 'vitest';
import { moatSync, type MoatRun } from '../setup/moat-cli';
import pkg from '../../package.json';

const moat = (...args: string[]): MoatRun => moatSync(args);

describe('moat CLI', () => {
  it('prints help listing its commands', () => {
    const r = moat('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: moat <command>/);
    expect(r.stdout).toMatch(/^\s+serve\s/m);
    expect(r.stdout).toMatch(/^\s+version\s/m);
  });

  it('prints its version from package.json', () => {
    const r = moat('version');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`moat ${pkg.version}`);
  });

  it('exits 2 naming an unknown command or a bad option', () => {
    const r = moat('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
    const bad = moat('serve', '--port', 'abc');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--port must be 0–65535, got "abc"');
  });
});
