import { describe, expect, it } from 'vitest';
import type { VulnFinding } from '../model/finding';
import { describeFix, fixGuidance } from './fix-guidance';

const pkg = (name: string, version: string, layer = 2) => ({
  name,
  version,
  ecosystem: 'deb' as const,
  purl: `pkg:deb/debian/${name}@${version}`,
  licenses: [],
  foundIn: '/var/lib/dpkg/status',
  layer: { index: layer, diffId: 'sha256:x', createdBy: 'RUN apt-get install -y openssl' },
});
const f = (id: string, p: ReturnType<typeof pkg>, fixedIn?: string): VulnFinding => ({
  id,
  aliases: [],
  severity: 'high',
  status: fixedIn ? 'fixed' : 'open',
  fixedIn,
  feed: 'debian-tracker',
  package: p,
});

describe('fix guidance', () => {
  it('suggests the highest fixed version per package (compared by the ecosystem scheme) and orders by findings cleared', () => {
    const ssl = pkg('libssl3', '3.0.11-1~deb12u1');
    const zlib = pkg('zlib1g', '1:1.2.13.dfsg-1', 1);
    const out = fixGuidance([
      f('CVE-1', ssl, '3.0.11-1~deb12u2'),
      f('CVE-2', ssl, '3.0.15-1~deb12u1'),
      f('CVE-3', ssl, '3.0.9-1'),
      f('CVE-4', ssl),
      f('CVE-5', zlib, '1:1.2.13.dfsg-1+deb12u1'),
    ]);
    expect(out.map((s) => s.package)).toEqual(['libssl3', 'zlib1g']);
    expect(out[0]).toMatchObject({
      upgradeTo: '3.0.15-1~deb12u1',
      clears: ['CVE-1', 'CVE-2', 'CVE-3'],
      unfixed: ['CVE-4'],
      layerIndex: 2,
    });
    expect(describeFix(out[0])).toBe(
      'upgrade libssl3 3.0.11-1~deb12u1 to 3.0.15-1~deb12u1 (clears 3) — installed by layer 2: RUN apt-get install -y openssl',
    );
  });

  it('names the layer even when the image recorded no instruction (docker import)', () => {
    const [s] = fixGuidance([
      f(
        'CVE-7',
        { ...pkg('curl', '7.88.1-10+deb12u5', 0), layer: { index: 0, diffId: 'sha256:y', createdBy: '' } },
        '7.88.1-10+deb12u15',
      ),
    ]);
    expect(describeFix(s)).toBe(
      'upgrade curl 7.88.1-10+deb12u5 to 7.88.1-10+deb12u15 (clears 1) — in layer 0 (the image records no instruction for it)',
    );
  });

  it('says plainly when nothing can be upgraded yet', () => {
    const [s] = fixGuidance([f('CVE-9', pkg('bash', '5.2.15-2+b2'))]);
    expect(s.upgradeTo).toBeUndefined();
    expect(describeFix(s)).toMatch(/^bash 5.2.15-2\+b2: no fixed version yet \(1 open\)/);
  });
});
