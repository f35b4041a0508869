import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tarOf, testAnalyzers } from '../../../test/fixtures/image/build-layers';
import { buildImage, dockerArchive, sha, type LayerSpec } from '../../../test/fixtures/image/build-image';
import { scanImage } from '../scan-image';
import { openDockerArchive } from './docker-archive';
import { ImageInputError } from './types';

const specs: LayerSpec[] = [
  {
    compression: 'gzip',
    members: [
      { name: 'etc/os-release', content: 'ID=testos\nVERSION_ID=3\n' },
      { name: 'pkgs/a@1', content: '' },
    ],
  },
  {
    members: [
      { name: 'pkgs/b@2', content: '' },
      { name: 'pkgs/.wh.a@1', content: '' },
    ],
    createdBy: 'RUN b',
  },
];

async function writeTmp(buf: Buffer, name = 'image.tar'): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'moat-archive-'));
  const p = path.join(dir, name);
  await fs.writeFile(p, buf);
  return p;
}

describe('openDockerArchive', () => {
  for (const layout of ['legacy', 'blobs'] as const) {
    it(`reads the ${layout} layout and scans it`, async () => {
      const img = await buildImage(specs, { emptyFirst: true });
      const file = await writeTmp(
        await dockerArchive(img, { layout, repoTags: ['demo/app:1.0'], manifestLast: layout === 'legacy' }),
      );
      const src = await openDockerArchive(file);
      expect(src.id).toBe(img.configDigest);
      expect(src.ref).toBe('demo/app:1.0');
      expect(src.config).toMatchObject({
        repoTags: ['demo/app:1.0'],
        architecture: 'amd64',
        os: 'linux',
        cmd: ['/bin/sh'],
      });
      const inv = await scanImage(src, { analyzers: testAnalyzers });
      expect(inv.packages.map((p) => [p.name, p.layer?.index, p.layer?.createdBy])).toEqual([
        ['b', 1, 'RUN b'],
      ]);
      expect(inv.os?.release).toBe('3');
      expect(inv.layers.map((l) => l.diffId)).toEqual(img.layers.map((l) => l.diffId));
    });
  }

  it('follows a layer.tar symlink inside the archive (duplicate layers)', async () => {
    const img = await buildImage([{ members: [{ name: 'pkgs/x@1', content: '' }] }]);
    const configPath = `${img.configDigest.slice(7)}.json`;
    const file = await writeTmp(
      await tarOf([
        {
          name: 'manifest.json',
          content: JSON.stringify([{ Config: configPath, RepoTags: null, Layers: ['b/layer.tar'] }]),
        },
        { name: configPath, content: img.config },
        { name: 'a/layer.tar', content: img.layers[0].blob },
        { name: 'b/layer.tar', type: 'symlink', linkname: '../a/layer.tar' },
      ]),
    );
    const inv = await scanImage(await openDockerArchive(file), { analyzers: testAnalyzers });
    expect(inv.image.ref).toBe(img.configDigest);
    expect(inv.packages.map((p) => p.name)).toEqual(['x']);
  });
});

describe('openDockerArchive refuses bad archives naming the file', () => {
  const refuse = async (buf: Buffer | Promise<Buffer>, msg: RegExp): Promise<void> => {
    const file = await writeTmp(await buf);
    const err = await openDockerArchive(file)
      .then((s) => scanImage(s, { analyzers: testAnalyzers }))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(ImageInputError);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toMatch(msg);
  };

  it('garbage', () => refuse(Buffer.from('garbage!'.repeat(200)), /not a tar archive \(bad header checksum/));
  it('truncated archive', async () => {
    const t = await dockerArchive(await buildImage(specs));
    await refuse(t.subarray(0, Math.floor(t.length / 2) + 100), /truncated archive/);
  });
  it('no manifest.json', () => refuse(tarOf([{ name: 'x', content: 'y' }]), /no manifest\.json/));
  it('a manifest of the wrong shape', () =>
    refuse(tarOf([{ name: 'manifest.json', content: '{"Config": 1}' }]), /unexpected shape/));
  it('a manifest pointing outside the archive', () =>
    refuse(
      tarOf([
        { name: 'manifest.json', content: JSON.stringify([{ Config: '../../etc/passwd', Layers: [] }]) },
      ]),
      /escapes the archive root/,
    ));
  it('a member name with ../', () =>
    refuse(tarOf([{ name: '../evil', content: 'x' }]), /escapes the archive root/));
  it('a config whose digest does not match its name', async () => {
    const img = await buildImage(specs);
    const name = `${'b'.repeat(64)}.json`;
    await refuse(
      tarOf([
        { name: 'manifest.json', content: JSON.stringify([{ Config: name, Layers: [] }]) },
        { name, content: img.config },
      ]),
      /has digest sha256:[0-9a-f]{64}, not the one its name says/,
    );
  });
  it('a layer whose content does not match the config diffID', async () => {
    const img = await buildImage(specs);
    const other = await buildImage([{ members: [{ name: 'evil', content: 'x' }] }, specs[1]]);
    img.layers[0] = other.layers[0]; // same config, different first layer content
    await refuse(dockerArchive(img), /uncompressed layer digest is .* but the image config says/);
  });
  it('an uncompressed layer that lies about its diffID leaves nothing in the layer cache', async () => {
    const img = await buildImage(specs);
    const other = await buildImage([specs[0], { members: [{ name: 'pkgs/evil@6', content: '' }] }]);
    img.layers[1] = other.layers[1]; // plain tar, walked by offset; its text for the cache is made early
    const file = await writeTmp(await dockerArchive(img));
    const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'moat-archive-cache-'));
    const err = await openDockerArchive(file)
      .then((s) => scanImage(s, { analyzers: testAnalyzers, cacheDir }))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(ImageInputError);
    expect((err as Error).message).toMatch(/uncompressed layer digest is .* but the image config says/);
    const claimed = JSON.parse(img.config.toString()).rootfs.diff_ids[1].slice('sha256:'.length);
    const cached = await fs.readdir(cacheDir);
    expect(cached.some((f) => f.startsWith(claimed))).toBe(false);
    // The honest first layer was stored: the cache was in use.
    expect(cached.length).toBeGreaterThan(0);
  });
  it('a blob whose name is not its digest', async () => {
    const img = await buildImage(specs);
    img.layers[1] = { ...img.layers[1], digest: sha('something else') };
    await refuse(dockerArchive(img, { layout: 'blobs' }), /blob digest is .* but the manifest says/);
  });
  it('a manifest with fewer layers than diffIDs', async () => {
    const img = await buildImage(specs);
    img.layers.pop();
    await refuse(dockerArchive(img), /manifest lists 1 layers but the config has 2 diffIDs/);
  });
});
