import { describe, expect, it } from 'vitest';
import { rangeProblem } from './feeds-validate';

const r = (events: object[], type = 'ECOSYSTEM'): string => JSON.stringify([{ type, events }]);

describe('rangeProblem', () => {
  it('accepts valid bounds of the ecosystem scheme and introduced 0', () => {
    expect(rangeProblem('npm', r([{ introduced: '0' }, { fixed: '0.2.1' }]), null)).toBeUndefined();
    expect(
      rangeProblem('apk:alpine:3.10', r([{ introduced: '0' }, { fixed: '1.1.22-r3' }]), '1.1.22-r3'),
    ).toBeUndefined();
    expect(
      rangeProblem('deb:debian:12', r([{ introduced: '0' }, { fixed: '1:9.2p1-2+deb12u7' }]), null),
    ).toBeUndefined();
  });

  it('names the bound that is not a version', () => {
    expect(rangeProblem('npm', r([{ introduced: '0' }, { fixed: 'not a version!' }]), null)).toBe(
      'ranges[0] fixed "not a version!" is not a valid semver version',
    );
    expect(rangeProblem('apk:alpine:3.10', r([{ introduced: '0' }, { fixed: '4.8.0.-r1' }]), null)).toMatch(
      /fixed "4.8.0.-r1" is not a valid apk version/,
    );
    expect(rangeProblem('pypi', r([{ introduced: '1.0' }, { last_affected: '' }]), null)).toMatch(
      /last_affected ""/,
    );
    expect(rangeProblem('deb:debian:12', '[]', 'bad version!')).toMatch(/fixed version "bad version!"/);
  });

  it('checks SEMVER ranges with semver whatever the ecosystem, and skips GIT and unknown ecosystems', () => {
    expect(rangeProblem('osv:oss-fuzz', r([{ introduced: 'abc' }], 'SEMVER'), null)).toMatch(/semver/);
    expect(rangeProblem('npm', r([{ introduced: 'deadbeef' }], 'GIT'), null)).toBeUndefined();
    expect(rangeProblem('osv:oss-fuzz', r([{ introduced: '!!' }]), null)).toBeUndefined();
  });

  it('reports stored garbage instead of throwing', () => {
    expect(rangeProblem('npm', '{not json', null)).toBe('stored ranges are not JSON');
  });
});
