// An OCI image layout (directory or tar of one): oci-layout, index.json -> manifest -> config + layers.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { dirStore, tarStore, type BlobStore } from './blob-store';
import { parseJson } from './docker-archive';
import { parseImageConfig } from './image-config';
import { ImageInputError, type ImageSource, type LayerStream } from './types';

const descriptor = z.object({
  mediaType: z.string().default(''),
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected a sha256 digest'),
  size: z.number().int().nonnegative(),
  platform: z.object({ architecture: z.string(), os: z.string(), variant: z.string().optional() }).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});
type Descriptor = z.infer<typeof descriptor>;
const indexSchema = z.object({ manifests: z.array(descriptor) });
const manifestSchema = z.object({ config: descriptor, layers: z.array(descriptor) });
const layoutSchema = z.object({ imageLayoutVersion: z.string() });

const MAX_JSON = 16 * 1024 * 1024;
const REF_KEYS = ['io.containerd.image.name', 'org.opencontainers.image.ref.name'];

export interface OciOptions {
  /** Pick the manifest whose ref annotation equals this. */
  ref?: string;
  platform?: { os: string; architecture: string };
}

export async function openOciLayout(location: string, opts: OciOptions = {}): Promise<ImageSource> {
  const st = await fs.stat(location).catch(() => null);
  if (!st) throw new ImageInputError(`${location}: no such OCI layout`);
  const store = st.isDirectory() ? dirStore(location) : await tarStore(location);
  return imageFromOciStore(store, opts);
}

export async function imageFromOciStore(store: BlobStore, opts: OciOptions = {}): Promise<ImageSource> {
  const input = store.name;
  if (!(await store.has('oci-layout')))
    throw new ImageInputError(`${input}: not an OCI image layout (no oci-layout file)`);
  parseJson(await store.read('oci-layout', 4096), `${input}:oci-layout`, layoutSchema);
  const top = parseJson(await store.read('index.json', MAX_JSON), `${input}:index.json`, indexSchema);
  const candidates = await flatten(store, top.manifests, 0);
  const chosen = choose(candidates, opts, input);
  const manifest = parseJson(await readBlob(store, chosen), `${input}:${chosen.digest}`, manifestSchema);
  const configBytes = await readBlob(store, manifest.config);
  const config = parseImageConfig(configBytes, `${input}:${manifest.config.digest}`);
  if (manifest.layers.length !== config.diffIds.length) {
    throw new ImageInputError(
      `${input}: manifest lists ${manifest.layers.length} layers but the config has ${config.diffIds.length} diffIDs`,
    );
  }
  const refName = REF_KEYS.map((k) => chosen.annotations?.[k]).find(Boolean);
  config.repoTags = refName ? [refName] : [];
  config.repoDigests = [];
  return {
    ref: opts.ref ?? refName ?? manifest.config.digest,
    id: manifest.config.digest,
    config,
    cacheable: true,
    layersInFiles: true,
    async *layers(): AsyncGenerator<LayerStream> {
      for (const [index, d] of manifest.layers.entries()) {
        const { stream, size, range } = await store.open(blobPath(d));
        if (size !== d.size) {
          stream.destroy();
          throw new ImageInputError(
            `${input}: layer ${d.digest} is ${size} bytes, the manifest says ${d.size}`,
          );
        }
        try {
          yield {
            kind: 'tar',
            index,
            diffId: config.diffIds[index],
            blobDigest: d.digest,
            createdBy: '',
            name: `${input}:${blobPath(d)}`,
            size,
            stream,
            ...(range ? { fileRange: range } : {}),
          };
        } finally {
          if (!stream.readableEnded) stream.destroy();
        }
      }
    },
  };
}

const blobPath = (d: Descriptor): string => `blobs/sha256/${d.digest.slice(7)}`;

async function readBlob(store: BlobStore, d: Descriptor): Promise<Buffer> {
  if (d.size > MAX_JSON)
    throw new ImageInputError(`${store.name}: blob ${d.digest} is ${d.size} bytes, too large for JSON`);
  const bytes = await store.read(blobPath(d), MAX_JSON);
  const actual = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  if (actual !== d.digest || bytes.length !== d.size) {
    throw new ImageInputError(
      `${store.name}: blob ${d.digest} has digest ${actual} and ${bytes.length} bytes (expected ${d.size})`,
    );
  }
  return bytes;
}

/** Nested indexes (multi-platform images) are opened one level at a time, two levels at most. */
async function flatten(store: BlobStore, list: Descriptor[], depth: number): Promise<Descriptor[]> {
  const out: Descriptor[] = [];
  for (const d of list) {
    if (!/index|manifest\.list/.test(d.mediaType)) {
      out.push(d);
      continue;
    }
    if (depth >= 2) throw new ImageInputError(`${store.name}: image indexes nested too deeply`);
    const nested = parseJson(await readBlob(store, d), `${store.name}:${d.digest}`, indexSchema);
    const children = await flatten(store, nested.manifests, depth + 1);
    // A nested index carries the ref name on the outer descriptor.
    out.push(...children.map((c) => ({ ...c, annotations: { ...d.annotations, ...c.annotations } })));
  }
  return out;
}

function choose(list: Descriptor[], opts: OciOptions, input: string): Descriptor {
  const images = list.filter((d) => !(d.platform?.os === 'unknown' && d.platform.architecture === 'unknown'));
  if (opts.ref) {
    const hit = images.find((d) => REF_KEYS.some((k) => d.annotations?.[k] === opts.ref));
    if (!hit) throw new ImageInputError(`${input}: no manifest named "${opts.ref}"`);
    return hit;
  }
  const want = opts.platform ?? { os: 'linux', architecture: 'amd64' };
  const match = images.find(
    (d) => d.platform?.os === want.os && d.platform.architecture === want.architecture,
  );
  if (match) return match;
  if (images.length === 1) return images[0];
  throw new ImageInputError(
    `${input}: ${images.length} manifests and none for ${want.os}/${want.architecture}`,
  );
}
