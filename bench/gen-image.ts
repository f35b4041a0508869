// Generates a synthetic docker-archive (blobs layout, gzip layers) of a chosen size for the scan bench:
// a Debian-like base with a dpkg status, one layer of npm packages and bulk file layers. Deterministic
// (seeded), so a generated archive is reused from os.tmpdir() between runs.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import * as tar from 'tar-stream';

export interface GenSpec {
  label: string;
  files: number;
  npmPackages: number;
  bytes: number;
  bulkLayers: number;
}

export const FULL: GenSpec = {
  label: 'full',
  files: 100_000,
  npmPackages: 3_000,
  bytes: 1024 ** 3,
  bulkLayers: 4,
};
export const SMALL: GenSpec = {
  label: 'small',
  files: 10_000,
  npmPackages: 300,
  bytes: 100 * 1024 ** 2,
  bulkLayers: 2,
};

interface GenFile {
  name: string;
  content: Buffer;
}

/** xorshift32: cheap, seeded, good enough to spread sizes and offsets. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x1_0000_0000;
  };
}

/** Text-like bytes from a small vocabulary: compresses about like source code and docs do. */
function contentPool(rand: () => number, size: number): Buffer {
  const words = Array.from({ length: 4000 }, () =>
    Array.from({ length: 2 + Math.floor(rand() * 9) }, () =>
      String.fromCharCode(97 + Math.floor(rand() * 26)),
    ).join(''),
  );
  const out = Buffer.alloc(size);
  let off = 0;
  while (off < size) {
    const w = words[Math.floor(rand() * words.length)] + (rand() < 0.1 ? '\n' : ' ');
    off += out.write(w, off);
  }
  return out;
}

class Hasher extends Transform {
  readonly hash = createHash('sha256');
  constructor() {
    super();
  }
  override _transform(chunk: Buffer, _e: BufferEncoding, cb: TransformCallback): void {
    this.hash.update(chunk);
    cb(null, chunk);
  }
}

async function writeLayer(
  file: string,
  files: Iterable<GenFile>,
): Promise<{ diffId: string; digest: string; size: number }> {
  const pack = tar.pack();
  const tarHash = new Hasher();
  const blobHash = new Hasher();
  const written = pipeline(pack, tarHash, createGzip({ level: 1 }), blobHash, fs.createWriteStream(file));
  for (const f of files) {
    await new Promise<void>((resolve, reject) =>
      pack.entry(
        { name: f.name, size: f.content.length, mode: 0o644, mtime: new Date(0) },
        f.content,
        (err) => (err ? reject(err) : resolve()),
      ),
    );
  }
  pack.finalize();
  await written;
  return {
    diffId: `sha256:${tarHash.hash.digest('hex')}`,
    digest: `sha256:${blobHash.hash.digest('hex')}`,
    size: fs.statSync(file).size,
  };
}

function* baseFiles(): Generator<GenFile> {
  yield {
    name: 'etc/os-release',
    content: Buffer.from('ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n'),
  };
  const stanzas = Array.from(
    { length: 150 },
    (_, i) =>
      `Package: benchpkg${i}\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.${i}.0-1\nDescription: bench package ${i}\n`,
  );
  yield { name: 'var/lib/dpkg/status', content: Buffer.from(stanzas.join('\n')) };
}

function* npmFiles(spec: GenSpec, slice: (n: number) => Buffer): Generator<GenFile> {
  for (let i = 0; i < spec.npmPackages; i++) {
    const dir = `app/node_modules/bench-pkg-${i}`;
    const pkg = {
      name: `bench-pkg-${i}`,
      version: `${i % 7}.${i % 13}.${i % 5}`,
      license: 'MIT',
      main: 'index.js',
    };
    yield { name: `${dir}/package.json`, content: Buffer.from(JSON.stringify(pkg, null, 2)) };
    yield { name: `${dir}/index.js`, content: slice(4096) };
    yield { name: `${dir}/README.md`, content: slice(2048) };
  }
}

function* bulkFiles(
  layer: number,
  count: number,
  mean: number,
  rand: () => number,
  slice: (n: number) => Buffer,
): Generator<GenFile> {
  for (let i = 0; i < count; i++) {
    // Exponential sizes around the mean: many small files, a few large ones, like a real image.
    const size = Math.min(Math.floor(-Math.log(1 - rand()) * mean), 8 * 1024 * 1024);
    yield { name: `usr/share/bench${layer}/d${i % 97}/f${i}.dat`, content: slice(size) };
  }
}

/** Path of the generated archive for `spec`, generating it on first use. */
export async function generatedImage(spec: GenSpec, log: (s: string) => void): Promise<string> {
  const out = path.join(os.tmpdir(), `moat-bench-${spec.label}-v1.tar`);
  if (fs.existsSync(out)) return out;
  log(
    `generating ${out} (${spec.files} files, ${spec.npmPackages} npm packages, ~${Math.round(spec.bytes / 1024 ** 2)} MB)…`,
  );
  const rand = rng(0x5eed);
  const pool = contentPool(rand, 16 * 1024 * 1024);
  const slice = (n: number): Buffer => {
    const len = Math.min(n, pool.length);
    const start = Math.floor(rand() * (pool.length - len));
    return pool.subarray(start, start + len);
  };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-bench-gen-'));
  try {
    const npmCount = spec.npmPackages * 3;
    const bulkCount = spec.files - npmCount - 2;
    const npmBytes = spec.npmPackages * (4096 + 2048);
    const mean = (spec.bytes - npmBytes) / bulkCount;
    const layers = [await writeLayer(path.join(work, 'l0'), baseFiles())];
    layers.push(await writeLayer(path.join(work, 'l1'), npmFiles(spec, slice)));
    for (let b = 0; b < spec.bulkLayers; b++) {
      const n = Math.floor(bulkCount / spec.bulkLayers) + (b === 0 ? bulkCount % spec.bulkLayers : 0);
      layers.push(await writeLayer(path.join(work, `l${b + 2}`), bulkFiles(b, n, mean, rand, slice)));
    }
    const config = Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        config: { Cmd: ['/bin/sh'] },
        rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
        history: layers.map((_, i) => ({ created_by: `bench layer ${i}` })),
      }),
    );
    const configName = `blobs/sha256/${createHash('sha256').update(config).digest('hex')}`;
    const layerNames = layers.map((l) => `blobs/sha256/${l.digest.slice(7)}`);
    const manifest = JSON.stringify([
      { Config: configName, RepoTags: [`moat-bench/generated:${spec.label}`], Layers: layerNames },
    ]);
    const pack = tar.pack();
    const written = pipeline(pack, fs.createWriteStream(`${out}.tmp`));
    pack.entry({ name: 'manifest.json' }, manifest);
    pack.entry({ name: configName }, config);
    for (let i = 0; i < layers.length; i++) {
      const entry = pack.entry({ name: layerNames[i], size: layers[i].size });
      await pipeline(fs.createReadStream(path.join(work, `l${i}`)), entry);
    }
    pack.finalize();
    await written;
    fs.renameSync(`${out}.tmp`, out);
    return out;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
