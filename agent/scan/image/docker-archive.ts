// A `docker save` tar: manifest.json + config + layers, legacy (<id>/layer.tar) or blobs/sha256 layout.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { tarStore, type BlobStore } from './blob-store';
import { parseImageConfig } from './image-config';
import { ImageInputError, type ImageSource, type LayerStream } from './types';

const manifestSchema = z
  .array(
    z.object({
      Config: z.string(),
      RepoTags: z.array(z.string()).nullish(),
      Layers: z.array(z.string()),
    }),
  )
  .min(1);

const MAX_JSON = 16 * 1024 * 1024;
const BLOB = /(?:^|\/)blobs\/sha256\/([0-9a-f]{64})$/;
const HEXNAME = /(?:^|\/)([0-9a-f]{64})\.json$/;

export async function openDockerArchive(file: string, opts: { ref?: string } = {}): Promise<ImageSource> {
  return imageFromSaveStore(await tarStore(file), opts.ref);
}

/** Shared by docker-archive and anything else holding a `docker save` layout. */
export async function imageFromSaveStore(store: BlobStore, wantRef?: string): Promise<ImageSource> {
  const input = store.name;
  if (!(await store.has('manifest.json')))
    throw new ImageInputError(`${input}: not a docker save archive (no manifest.json)`);
  const entries = parseJson(
    await store.read('manifest.json', MAX_JSON),
    `${input}:manifest.json`,
    manifestSchema,
  );
  const entry = (wantRef ? entries.find((e) => e.RepoTags?.includes(wantRef)) : entries[0]) ?? entries[0];
  const configBytes = await store.read(entry.Config, MAX_JSON);
  const id = `sha256:${createHash('sha256').update(configBytes).digest('hex')}`;
  const named = BLOB.exec(entry.Config)?.[1] ?? HEXNAME.exec(entry.Config)?.[1];
  if (named && `sha256:${named}` !== id) {
    throw new ImageInputError(`${input}: config ${entry.Config} has digest ${id}, not the one its name says`);
  }
  const config = parseImageConfig(configBytes, `${input}:${entry.Config}`);
  config.repoTags = entry.RepoTags ?? [];
  if (entry.Layers.length !== config.diffIds.length) {
    throw new ImageInputError(
      `${input}: manifest lists ${entry.Layers.length} layers but the config has ${config.diffIds.length} diffIDs`,
    );
  }
  const ref = wantRef ?? config.repoTags[0] ?? id;
  return {
    ref,
    id,
    config,
    cacheable: true,
    layersInFiles: true,
    async *layers(): AsyncGenerator<LayerStream> {
      for (const [index, member] of entry.Layers.entries()) {
        const { stream, size, range } = await store.open(member);
        const hex = BLOB.exec(member)?.[1];
        try {
          yield {
            kind: 'tar',
            index,
            diffId: config.diffIds[index],
            ...(hex ? { blobDigest: `sha256:${hex}` } : {}),
            createdBy: '',
            name: `${input}:${member}`,
            size,
            stream,
            ...(range ? { fileRange: range } : {}),
          };
        } finally {
          // A skipped (cached) layer is never read: release the file handle.
          if (!stream.readableEnded) stream.destroy();
        }
      }
    },
  };
}

export function parseJson<T>(bytes: Buffer, input: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new ImageInputError(`${input}: not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const r = schema.safeParse(json);
  if (!r.success) {
    const why = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ImageInputError(`${input}: unexpected shape: ${why}`);
  }
  return r.data;
}
