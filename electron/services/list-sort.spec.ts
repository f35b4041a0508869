import { describe, expect, it } from 'vitest';
import type { DeployedImageDto, VulnRowDto } from '../contract/index';
import { directed, imageComparator, riskKey, vulnComparator } from './list-sort';

const image = (name: string, containers = 0, size = 0): DeployedImageDto => ({
  id: `sha256:${name}`,
  repoTags: [name],
  created: '2026-01-01T00:00:00.000Z',
  size,
  containers,
});

describe('image list order', () => {
  const rows = [image('b/app:1', 2, 10), image('a/app:1', 0, 30), image('c/app:1', 2, 20)];
  const names = (cmp: (a: DeployedImageDto, b: DeployedImageDto) => number): string[] =>
    [...rows].sort(cmp).map((r) => r.repoTags[0]);

  it('sorts by name, and reversed', () => {
    expect(names(imageComparator('name'))).toEqual(['a/app:1', 'b/app:1', 'c/app:1']);
    expect(names(directed(imageComparator('name'), true))).toEqual(['c/app:1', 'b/app:1', 'a/app:1']);
  });

  it('puts the most critical findings first, then high, with unscanned images last', () => {
    const risk = new Map([
      ['sha256:a/app:1', riskKey({ critical: 0, high: 9 })],
      ['sha256:b/app:1', riskKey({ critical: 1, high: 0 })],
    ]);
    expect(names(imageComparator('risk', { risk }))).toEqual(['b/app:1', 'a/app:1', 'c/app:1']);
  });

  it('sorts by containers and size (largest first), ties by name, and by newest scan', () => {
    expect(names(imageComparator('containers'))).toEqual(['b/app:1', 'c/app:1', 'a/app:1']);
    expect(names(imageComparator('size'))).toEqual(['a/app:1', 'c/app:1', 'b/app:1']);
    const scanned = new Map([
      ['sha256:a/app:1', '2026-01-02T00:00:00Z'],
      ['sha256:c/app:1', '2026-01-03T00:00:00Z'],
    ]);
    expect(names(imageComparator('scanned', { scanned }))).toEqual(['c/app:1', 'a/app:1', 'b/app:1']);
  });
});

describe('finding order', () => {
  const v = (id: string, severity: VulnRowDto['severity'], pkg: string, cvss?: number): VulnRowDto => ({
    id,
    aliases: [],
    severity,
    packageName: pkg,
    packageVersion: '1',
    ecosystem: 'debian',
    status: 'open',
    feed: 'debian',
    links: [],
    ...(cvss === undefined ? {} : { cvssScore: cvss }),
  });
  const rows = [
    v('CVE-2', 'low', 'zlib', 9.8),
    v('CVE-1', 'critical', 'openssl'),
    v('CVE-3', 'critical', 'bash', 5),
  ];
  const ids = (cmp: (a: VulnRowDto, b: VulnRowDto) => number): string[] =>
    [...rows].sort(cmp).map((r) => r.id);

  it('sorts by severity then id by default, by CVSS (unscored last), by package and by id', () => {
    expect(ids(vulnComparator('severity'))).toEqual(['CVE-1', 'CVE-3', 'CVE-2']);
    expect(ids(vulnComparator('cvss'))).toEqual(['CVE-2', 'CVE-3', 'CVE-1']);
    expect(ids(vulnComparator('package'))).toEqual(['CVE-3', 'CVE-1', 'CVE-2']);
    expect(ids(directed(vulnComparator('id'), true))).toEqual(['CVE-3', 'CVE-2', 'CVE-1']);
  });
});
