// Layer attribution on a real built image, and the same inventory whichever way the image arrives:
// from the daemon, from its `docker save` tar, or from an OCI layout converted from that tar.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import * as tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzers } from '../../agent/scan/inventory/registry';
import { openImageSource, type SourceKind } from '../../agent/scan/open-source';
import { scanImage, type ImageInventory } from '../../agent/scan/scan-image';
import { docker, dockerOk, requireDocker } from '../setup/docker-cli';
import { testImages } from '../setup/images-env';

const BUILT = `moat-test/inventory-layers:${process.pid}`;
let tmp = '';

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Extracts a docker save tar (trusted: we just wrote it) into a directory, member by member. */
async function extract(archive: string, dir: string): Promise<void> {
  const ex = tar.extract();
  const done = (async (): Promise<void> => {
    for await (const entry of ex) {
      const p = path.join(dir, entry.header.name);
      if (entry.header.type === 'directory') fs.mkdirSync(p, { recursive: true });
      else if (entry.header.type === 'file') {
        fs.mkdirSync(path.dirname(p), { recursive: true });
        await pipeline(entry, fs.createWriteStream(p));
        continue;
      }
      entry.resume();
    }
  })();
  await pipeline(fs.createReadStream(archive), ex);
  await done;
}

/** Converts a docker save archive into an OCI image layout directory with gzip-compressed layer blobs. */
async function toOciLayout(archive: string, out: string): Promise<void> {
  const staged = fs.mkdtempSync(path.join(tmp, 'staged-'));
  await extract(archive, staged);
  const [entry] = JSON.parse(fs.readFileSync(path.join(staged, 'manifest.json'), 'utf8')) as Array<{
    Config: string;
    RepoTags: string[];
    Layers: string[];
  }>;
  const blobs = path.join(out, 'blobs', 'sha256');
  fs.mkdirSync(blobs, { recursive: true });
  const putBlob = (b: Buffer): { digest: string; size: number } => {
    const hex = sha256(b);
    fs.writeFileSync(path.join(blobs, hex), b);
    return { digest: `sha256:${hex}`, size: b.length };
  };
  const config = fs.readFileSync(path.join(staged, entry.Config));
  const layers: Array<{ mediaType: string; digest: string; size: number }> = [];
  for (const l of entry.Layers) {
    const gz = path.join(staged, `${l}.gz`);
    await pipeline(
      fs.createReadStream(path.join(staged, l)),
      createGzip({ level: 1 }),
      fs.createWriteStream(gz),
    );
    layers.push({
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      ...putBlob(fs.readFileSync(gz)),
    });
  }
  const manifest = putBlob(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...putBlob(config) },
        layers,
      }),
    ),
  );
  const index = {
    schemaVersion: 2,
    manifests: [
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        ...manifest,
        annotations: { 'org.opencontainers.image.ref.name': entry.RepoTags[0] ?? 'latest' },
      },
    ],
  };
  fs.writeFileSync(path.join(out, 'index.json'), JSON.stringify(index));
  fs.writeFileSync(path.join(out, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  fs.rmSync(staged, { recursive: true, force: true });
}

async function scan(target: string, want: SourceKind): Promise<ImageInventory> {
  const { source, kind } = await openImageSource(target);
  expect(kind).toBe(want);
  return scanImage(source, { analyzers });
}

/** What must not depend on the source: packages with their layers, and the layer list. */
function comparable(inv: ImageInventory): object {
  return {
    id: inv.image.id,
    os: inv.os,
    packages: inv.packages
      .map((p) => ({ ...p }))
      .sort((a, b) => `${a.purl} ${a.foundIn}`.localeCompare(`${b.purl} ${b.foundIn}`)),
    layers: inv.layers,
  };
}

beforeAll(() => {
  requireDocker();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-inv-layers-'));
  const ctx = path.join(tmp, 'ctx');
  const pkgJson = (name: string): string => JSON.stringify({ name, version: '1.0.0', license: 'MIT' });
  fs.mkdirSync(path.join(ctx, 'gone'), { recursive: true });
  fs.mkdirSync(path.join(ctx, 'added'), { recursive: true });
  fs.writeFileSync(path.join(ctx, 'gone', 'package.json'), pkgJson('gone-pkg'));
  fs.writeFileSync(path.join(ctx, 'added', 'package.json'), pkgJson('added-pkg'));
  fs.writeFileSync(
    path.join(ctx, 'Dockerfile'),
    [
      `FROM ${testImages().busybox.ref}`,
      'COPY gone/ /app/node_modules/gone-pkg/',
      'RUN rm -rf /app/node_modules/gone-pkg',
      'COPY added/ /app/node_modules/added-pkg/',
    ].join('\n'),
  );
  const r = spawnSync('docker', ['build', '-q', '-t', BUILT, ctx], {
    encoding: 'utf8',
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
  });
  if (r.status !== 0) throw new Error(`docker build of ${BUILT} failed: ${r.stderr || r.stdout}`);
});

afterAll(() => {
  if (dockerOk('image', 'inspect', BUILT)) docker('image', 'rm', '-f', BUILT);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('layer attribution', () => {
  it('attributes the package added by the last layer to it, and drops the one a later layer removed', async () => {
    const inv = await scan(BUILT, 'docker-daemon');
    const last = inv.layers[inv.layers.length - 1];
    expect(last.createdBy).toMatch(/COPY .* in \/app\/node_modules\/added-pkg\//);
    const added = inv.packages.find((p) => p.name === 'added-pkg');
    expect(added?.layer).toEqual({ index: last.index, diffId: last.diffId, createdBy: last.createdBy });
    expect(added?.foundIn).toBe('/app/node_modules/added-pkg/package.json');
    expect(inv.packages.find((p) => p.name === 'gone-pkg')).toBeUndefined();
    expect(last.packagesAdded).toBe(1);
    // The diffIDs are the daemon's own.
    const rootfs = JSON.parse(
      docker('image', 'inspect', '--format', '{{json .RootFS.Layers}}', BUILT),
    ) as string[];
    expect(inv.layers.map((l) => l.diffId)).toEqual(rootfs);
  });
});

describe('same inventory from daemon, docker save tar and OCI layout', () => {
  for (const key of ['built', 'nodeappV1', 'debianVuln'] as const) {
    it(`${key}`, async () => {
      const ref = key === 'built' ? BUILT : testImages()[key].ref;
      // The test images already have their `docker save` tarball; only the image built here is saved now.
      const archive = key === 'built' ? path.join(tmp, 'built.tar') : testImages()[key].archive;
      if (key === 'built') docker('save', '-o', archive, ref);
      const oci = path.join(tmp, `${key}-oci`);
      await toOciLayout(archive, oci);

      const fromDaemon = await scan(ref, 'docker-daemon');
      const fromArchive = await scan(archive, 'docker-archive');
      const fromOci = await scan(oci, 'oci-layout');
      expect(fromDaemon.packages.length).toBeGreaterThan(0);
      expect(comparable(fromArchive)).toEqual(comparable(fromDaemon));
      expect(comparable(fromOci)).toEqual(comparable(fromDaemon));
    }, 300_000);
  }
});
