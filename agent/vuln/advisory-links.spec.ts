import { describe, expect, it } from 'vitest';
import { advisoryLinks } from './matcher';

describe('advisory links', () => {
  it('links CVEs to NVD and to the distro tracker that reported them, GHSAs to GitHub, other OSV ids to OSV', () => {
    expect(advisoryLinks(['CVE-2019-1551'], ['alpine-secdb'])).toEqual([
      'https://nvd.nist.gov/vuln/detail/CVE-2019-1551',
      'https://security.alpinelinux.org/vuln/CVE-2019-1551',
    ]);
    expect(advisoryLinks(['CVE-2023-1', 'GHSA-vh95-rmgr-6w4m', 'GO-2024-2887'], ['osv'])).toEqual([
      'https://nvd.nist.gov/vuln/detail/CVE-2023-1',
      'https://github.com/advisories/GHSA-vh95-rmgr-6w4m',
      'https://osv.dev/vulnerability/GO-2024-2887',
    ]);
  });

  it('makes no link from an id that is not one (custom ids, junk)', () => {
    expect(advisoryLinks(['MOAT-CUSTOM-1', '<script>', 'GHSA-zzzz'], ['custom'])).toEqual([]);
  });
});
