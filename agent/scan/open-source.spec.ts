import Docker from 'dockerode';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tarOf, type TarMember } from '../../test/fixtures/image/build-layers';
import {
  buildImage,
  dockerArchive,
  ociLayoutMembers,
  type BuiltImage,
} from '../../test/fixtures/image/build-image';
import { defaultDataDir, layerCacheDir, openImageSource } from './open-source';

let tmp = '';
let img: BuiltImage;

async function writeTree(dir: string, members: TarMember[]): Promise<void> {
  for (const m of members) {
    await fs.mkdir(path.join(dir, path.dirname(m.name)), { recursive: true });
    await fs.writeFile(path.join(dir, m.name), m.content ?? '');
  }
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'moat-open-source-'));
  img = await buildImage([{ members: [{ name: 'etc/os-release', content: 'ID=x\nVERSION_ID=1\n' }] }]);
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('openImageSource', () => {
  it('opens a docker save tar as docker-archive', async () => {
    const p = path.join(tmp, 'save.tar');
    await fs.writeFile(p, await dockerArchive(img, { repoTags: ['t/one:1'] }));
    const { kind, source } = await openImageSource(p);
    expect(kind).toBe('docker-archive');
    expect(source.id).toBe(img.configDigest);
    expect(source.config.diffIds).toEqual([img.layers[0].diffId]);
  });

  it('opens an OCI layout as a directory and as a tar', async () => {
    const dir = path.join(tmp, 'oci-dir');
    await writeTree(dir, ociLayoutMembers(img));
    const fromDir = await openImageSource(dir);
    expect(fromDir.kind).toBe('oci-layout');
    expect(fromDir.source.id).toBe(img.configDigest);

    const p = path.join(tmp, 'oci.tar');
    await fs.writeFile(p, await tarOf(ociLayoutMembers(img)));
    const fromTar = await openImageSource(p);
    expect(fromTar.kind).toBe('oci-archive');
    expect(fromTar.source.config.diffIds).toEqual(fromDir.source.config.diffIds);
  });

  it('takes any other directory as a root filesystem', async () => {
    const dir = path.join(tmp, 'rootfs');
    await writeTree(dir, [{ name: 'etc/os-release', content: 'ID=x\n' }]);
    const { kind, source } = await openImageSource(dir);
    expect(kind).toBe('rootfs-dir');
    expect(source.cacheable).toBe(false);
  });

  it('refuses a file that is not a tar, naming it', async () => {
    const p = path.join(tmp, 'garbage.bin');
    await fs.writeFile(p, Buffer.alloc(2048, 0x41));
    await expect(openImageSource(p)).rejects.toThrow(`${p}: is a file but not a readable tar image archive`);
  });

  it('refuses a tar that is neither layout, naming it', async () => {
    const p = path.join(tmp, 'plain.tar');
    await fs.writeFile(p, await tarOf([{ name: 'hello.txt', content: 'hi' }]));
    await expect(openImageSource(p)).rejects.toThrow(/plain\.tar: is a tar but neither an OCI layout/);
  });

  it('refuses an empty target and an unknown name when no daemon answers', async () => {
    await expect(openImageSource('  ')).rejects.toThrow(/empty target/);
    // A daemon socket that does not exist: the name is still in the message with the reason.
    const docker = new Docker({ socketPath: path.join(tmp, 'no-such.sock') });
    await expect(openImageSource('nope/image:1', { docker })).rejects.toThrow(
      /^nope\/image:1: no such file or directory, and not usable as an image in the local Docker daemon/,
    );
  });
});

describe('data and cache dirs', () => {
  it('uses MOAT_HOME when set, else ~/.local/share/moat', () => {
    expect(defaultDataDir({ MOAT_HOME: '/srv/moat' }, '/home/u')).toBe(path.resolve('/srv/moat'));
    expect(defaultDataDir({ MOAT_HOME: '' }, '/home/u')).toBe('/home/u/.local/share/moat');
    expect(defaultDataDir({}, '/home/u')).toBe('/home/u/.local/share/moat');
    expect(layerCacheDir('/d')).toBe('/d/cache/layers');
  });
});
