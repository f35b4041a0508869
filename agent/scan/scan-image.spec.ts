import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { testAnalyzers } from '../../test/fixtures/image/build-layers';
import { buildImage, memorySource, type LayerSpec } from '../../test/fixtures/image/build-image';
import { scanImage, type ScanProgress } from './scan-image';

const specs: LayerSpec[] = [
  {
    createdBy: 'ADD rootfs /',
    compression: 'gzip',
    members: [
      { name: 'etc/os-release', content: 'ID=testos\nVERSION_ID=1\n' },
      { name: 'pkgs/list', content: 'libc@1\ncurl@7\nzlib@1\n' },
      { name: 'pkgs/base@1', content: '' },
      { name: 'opt/app/old@1', content: '' },
      { name: 'pkgs/tool@1', content: '' },
    ],
  },
  {
    createdBy: 'RUN install extra',
    compression: 'zstd',
    members: [
      { name: 'pkgs/list', content: 'libc@1\ncurl@7\nzlib@1\nextra@2\n' },
      { name: 'pkgs/.wh.base@1', content: '' },
    ],
  },
  {
    createdBy: 'RUN upgrade curl, remove zlib',
    members: [
      { name: 'pkgs/list', content: 'libc@1\ncurl@8\nextra@2\n' },
      { name: 'opt/app/.wh..wh..opq', content: '' },
      { name: 'opt/app/new@1', content: '' },
      { name: 'etc/os-release', content: 'ID=testos\nVERSION_ID=2\n' },
    ],
  },
  {
    createdBy: 'RUN remove tool',
    members: [{ name: 'pkgs/.wh.tool@1', content: '' }],
  },
];

const tmpDir = (): Promise<string> => fs.mkdtemp(path.join(os.tmpdir(), 'moat-scan-'));

describe('scanImage', () => {
  it('merges layers: whiteouts, opaque dirs, earliest continuous layer per package, last OS', async () => {
    const img = await buildImage(specs, { emptyFirst: true });
    const inv = await scanImage(memorySource(img), { analyzers: testAnalyzers });
    const byName = Object.fromEntries(inv.packages.map((p) => [`${p.name}@${p.version}`, p.layer?.index]));
    expect(byName).toEqual({ 'libc@1': 0, 'curl@8': 2, 'extra@2': 1 });
    expect(inv.packages.find((p) => p.name === 'extra')?.layer?.createdBy).toBe('RUN install extra');
    expect(inv.os).toEqual({ family: 'testos', release: '2' });
    expect(inv.layers.map((l) => [l.index, l.createdBy, l.packagesAdded])).toEqual([
      [0, 'ADD rootfs /', 1],
      [1, 'RUN install extra', 1],
      [2, 'RUN upgrade curl, remove zlib', 1],
      [3, 'RUN remove tool', 0],
    ]);
    expect(inv.layers[0].size).toBe(img.layers[0].tar.length);
    expect(inv.image).toMatchObject({
      id: img.configDigest,
      ref: 'mem/image:1',
      user: 'app',
      exposedPorts: ['80/tcp'],
    });
  });

  it('keeps opaque-dir contents written in the same layer and drops lower ones', async () => {
    const img = await buildImage([
      { members: [{ name: 'opt/app/old@1', content: '' }] },
      {
        members: [
          { name: 'opt/app/.wh..wh..opq', content: '' },
          { name: 'opt/app/new@1', content: '' },
        ],
      },
    ]);
    const withPkgs = await scanImage(memorySource(img), { analyzers: testAnalyzers, collectFiles: true });
    const paths = withPkgs.files?.map((f) => f.path) ?? [];
    expect(paths).toContain('/opt/app/new@1');
    expect(paths).not.toContain('/opt/app/old@1');
  });

  it('re-scans from the cache without opening any layer and gives the same inventory', async () => {
    const dir = await tmpDir();
    const img = await buildImage(specs);
    const first = memorySource(img);
    const a = await scanImage(first, { analyzers: testAnalyzers, cacheDir: dir });
    expect(first.opened).toBe(4);
    const second = memorySource(img);
    const seen: ScanProgress[] = [];
    const b = await scanImage(second, {
      analyzers: testAnalyzers,
      cacheDir: dir,
      onProgress: (p) => seen.push(p),
    });
    expect(second.opened).toBe(0);
    expect(b).toEqual(a);
    expect(seen.map((p) => p.phase)).toEqual(['cached', 'cached', 'cached', 'cached']);
    expect(seen.at(-1)).toMatchObject({ layer: 4, of: 4 });
  });

  it('a changed analyzer version misses the cache', async () => {
    const dir = await tmpDir();
    const img = await buildImage(specs);
    await scanImage(memorySource(img), { analyzers: testAnalyzers, cacheDir: dir });
    const bumped = testAnalyzers.map((a) => ({ ...a, version: a.version + 1 }));
    const src = memorySource(img);
    await scanImage(src, { analyzers: bumped, cacheDir: dir });
    expect(src.opened).toBe(4);
  });

  it('ignores and rewrites a corrupted cache file', async () => {
    const dir = await tmpDir();
    const img = await buildImage(specs.slice(0, 1));
    await scanImage(memorySource(img), { analyzers: testAnalyzers, cacheDir: dir });
    const file = (await fs.readdir(dir)).find((f) => !f.endsWith('.entries.json'))!;
    await fs.writeFile(path.join(dir, file), '{"diffId": "sha256:trunc');
    const src = memorySource(img);
    const inv = await scanImage(src, { analyzers: testAnalyzers, cacheDir: dir });
    expect(src.opened).toBe(1);
    expect(inv.packages).toHaveLength(5);
    expect(JSON.parse(await fs.readFile(path.join(dir, file), 'utf8')).diffId).toBe(img.layers[0].diffId);
  });

  it('accepts layers in any order with diffIDs learned by hashing (daemon legacy save)', async () => {
    const img = await buildImage(specs);
    const ordered = await scanImage(memorySource(img), { analyzers: testAnalyzers });
    const shuffled = memorySource(img);
    shuffled.layers = async function* () {
      for (const i of [2, 0, 3, 1]) {
        yield {
          kind: 'tar' as const,
          createdBy: '',
          name: `legacy/${i}/layer.tar`,
          stream: Readable.from([img.layers[i].blob]),
        };
      }
    };
    expect(await scanImage(shuffled, { analyzers: testAnalyzers })).toEqual(ordered);
  });

  it('refuses a layer whose content is not in the config', async () => {
    const img = await buildImage(specs);
    const src = memorySource(img);
    const stranger = await buildImage([{ members: [{ name: 'x', content: 'y' }] }]);
    src.layers = async function* () {
      yield {
        kind: 'tar' as const,
        createdBy: '',
        name: 'stray/layer.tar',
        stream: Readable.from([stranger.layers[0].blob]),
      };
    };
    await expect(scanImage(src, { analyzers: testAnalyzers })).rejects.toThrow(
      /stray\/layer.tar: layer sha256:[0-9a-f]{64} is not listed/,
    );
  });

  it('reports progress while walking', async () => {
    const img = await buildImage(specs);
    const seen: ScanProgress[] = [];
    await scanImage(memorySource(img), { analyzers: testAnalyzers, onProgress: (p) => seen.push(p) });
    const done = seen.filter((p) => p.phase === 'done');
    expect(done.map((p) => p.layer)).toEqual([1, 2, 3, 4]);
    expect(seen.some((p) => p.phase === 'walking' && p.bytes > 0)).toBe(true);
  });

  it('refuses a config listing a layer the image does not contain', async () => {
    const img = await buildImage(specs.slice(0, 1));
    const ghost = 'sha256:' + 'a'.repeat(64);
    const liar = await buildImage(specs.slice(0, 1), { diffIds: [img.layers[0].diffId, ghost] });
    await expect(scanImage(memorySource(liar), { analyzers: testAnalyzers })).rejects.toThrow(
      /layer 1 \(sha256:a{64}\) is missing/,
    );
  });

  it('enforces the byte cap across all layers of an image', async () => {
    const img = await buildImage([
      { members: [{ name: 'a', content: Buffer.alloc(6000) }] },
      { members: [{ name: 'b', content: Buffer.alloc(6000) }] },
    ]);
    await expect(
      scanImage(memorySource(img), { analyzers: testAnalyzers, limits: { maxTotalBytes: 10_000 } }),
    ).rejects.toThrow(/mem\/image:1#1: image expands beyond 10000/);
  });
});
