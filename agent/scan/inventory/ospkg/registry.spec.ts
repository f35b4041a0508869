import { describe, it, expect } from 'vitest';
import { osAnalyzers } from '../os/index';
import { osPackageAnalyzers } from './index';

describe('OS and OS package analyzer tables', () => {
  const all = [...osAnalyzers, ...osPackageAnalyzers];
  it('have unique types, a version and a size limit', () => {
    expect(new Set(all.map((a) => a.type)).size).toBe(all.length);
    expect(osPackageAnalyzers.map((a) => a.type)).toEqual(['apk', 'dpkg', 'rpm']);
    for (const a of all) {
      expect(a.version).toBeGreaterThanOrEqual(1);
      expect(a.maxBytes).toBeGreaterThan(0);
    }
  });
  it('claim each database path with exactly one analyzer', () => {
    for (const path of [
      '/lib/apk/db/installed',
      '/var/lib/dpkg/status',
      '/var/lib/rpm/rpmdb.sqlite',
      '/etc/os-release',
    ]) {
      expect(all.filter((a) => a.required({ path, size: 10, mode: 0o644 })).map((a) => a.type)).toHaveLength(
        1,
      );
    }
    expect(all.filter((a) => a.required({ path: '/usr/bin/bash', size: 10, mode: 0o755 }))).toEqual([]);
  });
});
