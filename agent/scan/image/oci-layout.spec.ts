import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tarOf, testAnalyzers, type TarMember } from '../../../test/fixtures/image/build-layers';
import { buildImage, ociLayoutMembers, sha, type LayerSpec } from '../../../test/fixtures/image/build-image';
import { scanImage } from '../scan-image';
import { openOciLayout } from './oci-layout';
import { ImageInputError } from './types';

const specs: LayerSpec[] = [
  {
    compression: 'zstd',
    members: [
      { name: 'etc/os-release', content: 'ID=ocios\nVERSION_ID=7\n' },
      { name: 'pkgs/a@1', content: '' },
    ],
  },
  { compression: 'gzip', members: [{ name: 'pkgs/b@2', content: '' }] },
  { compression: 'none', members: [{ name: 'pkgs/c@3', content: '' }] },
];

async function asDir(members: TarMember[]): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'moat-oci-'));
  for (const m of members) {
    await fs.mkdir(path.join(dir, path.dirname(m.name)), { recursive: true });
    await fs.writeFile(path.join(dir, m.name), m.content ?? '');
  }
  return dir;
}

async function asTar(members: TarMember[]): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'moat-oci-tar-'));
  const p = path.join(dir, 'oci.tar');
  await fs.writeFile(p, await tarOf(members));
  return p;
}

describe('openOciLayout', () => {
  for (const [kind, make] of [
    ['directory', asDir],
    ['tar', asTar],
  ] as const) {
    it(`scans a ${kind} with zstd, gzip and plain layers`, async () => {
      const img = await buildImage(specs);
      const src = await openOciLayout(await make(ociLayoutMembers(img, { refName: 'v1' })));
      expect(src.id).toBe(img.configDigest);
      expect(src.ref).toBe('v1');
      const inv = await scanImage(src, { analyzers: testAnalyzers });
      expect(inv.packages.map((p) => `${p.name}@${p.version}:${p.layer?.index}`)).toEqual([
        'a@1:0',
        'b@2:1',
        'c@3:2',
      ]);
      expect(inv.os).toEqual({ family: 'ocios', release: '7' });
    });
  }

  it('picks linux/amd64 among several manifests and skips attestations', async () => {
    const img = await buildImage(specs);
    const other = {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: sha('x'),
      size: 1,
      platform: { architecture: 'arm64', os: 'linux' },
    };
    const att = { ...other, platform: { architecture: 'unknown', os: 'unknown' } };
    const members = ociLayoutMembers(img, { extraManifests: [other, att] });
    const src = await openOciLayout(await asDir(members));
    expect(src.id).toBe(img.configDigest);
    await expect(
      openOciLayout(await asDir(members), { platform: { os: 'linux', architecture: 's390x' } }),
    ).rejects.toThrow(/2 manifests and none for linux\/s390x/);
  });
});

describe('openOciLayout refuses bad layouts naming the input', () => {
  const refuse = async (members: TarMember[], msg: RegExp): Promise<void> => {
    const dir = await asDir(members);
    const err = await openOciLayout(dir)
      .then((s) => scanImage(s, { analyzers: testAnalyzers }))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(ImageInputError);
    expect((err as Error).message).toContain(dir);
    expect((err as Error).message).toMatch(msg);
  };
  const swap = (members: TarMember[], name: string, content: string | Buffer): TarMember[] =>
    members.map((m) => (m.name === name ? { ...m, content } : m));

  it('no oci-layout file', async () => {
    const m = ociLayoutMembers(await buildImage(specs)).filter((x) => x.name !== 'oci-layout');
    await refuse(m, /no oci-layout file/);
  });
  it('index.json that is not JSON', async () =>
    refuse(swap(ociLayoutMembers(await buildImage(specs)), 'index.json', '{'), /index\.json: not JSON/));
  it('a digest with path characters', async () =>
    refuse(
      swap(
        ociLayoutMembers(await buildImage(specs)),
        'index.json',
        JSON.stringify({ manifests: [{ digest: 'sha256:../../x', size: 1 }] }),
      ),
      /expected a sha256 digest/,
    ));
  it('a config blob whose content does not match its digest', async () => {
    const img = await buildImage(specs);
    const m = swap(
      ociLayoutMembers(img),
      `blobs/sha256/${img.configDigest.slice(7)}`,
      img.config.toString().replace('amd64', 'arm64'),
    );
    await refuse(m, /has digest sha256:[0-9a-f]{64}/);
  });
  it('a layer blob that does not match its digest', async () => {
    const img = await buildImage(specs);
    const l = img.layers[1];
    const tampered = Buffer.from(l.blob);
    tampered[tampered.length - 1] ^= 0xff; // gzip trailer byte: still the right size
    await refuse(
      swap(ociLayoutMembers(img), `blobs/sha256/${l.digest.slice(7)}`, tampered),
      /blobs\/sha256\/[0-9a-f]{64}/,
    );
  });
  it('a missing layer blob', async () => {
    const img = await buildImage(specs);
    await refuse(
      ociLayoutMembers(img).filter((m) => m.name !== `blobs/sha256/${img.layers[2].digest.slice(7)}`),
      /is missing/,
    );
  });
});
