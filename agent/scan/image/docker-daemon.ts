// An image in the local Docker daemon: inspect for metadata, `docker save` streamed once for layers.
import Docker from 'dockerode';
import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { metaFromInspect } from './daemon-meta';
import { parseImageConfig } from './image-config';
import { ImageInputError, type ImageSource, type LayerStream } from './types';

const BLOB = /^blobs\/sha256\/([0-9a-f]{64})$/;
const LEGACY_CONFIG = /^([0-9a-f]{64})\.json$/;
const MAX_JSON = 16 * 1024 * 1024;

export async function openDockerDaemon(
  nameOrId: string,
  opts: { docker?: Docker } = {},
): Promise<ImageSource> {
  const docker = opts.docker ?? new Docker();
  const image = docker.getImage(nameOrId);
  let inspect: unknown;
  let history: unknown;
  try {
    inspect = await image.inspect();
    history = await image.history();
  } catch (e) {
    const status = (e as { statusCode?: number }).statusCode;
    if (status === 404)
      throw new ImageInputError(`docker image "${nameOrId}": not found in the local daemon`);
    throw new Error(
      `docker image "${nameOrId}": cannot inspect (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  const id = String((inspect as { Id?: unknown }).Id ?? '');
  const config = metaFromInspect(inspect, history);
  const input = `docker image "${nameOrId}"`;
  const source: ImageSource = {
    ref: nameOrId,
    id,
    config,
    cacheable: true,
    async *layers(): AsyncGenerator<LayerStream> {
      const saved = (await image.get()) as Readable;
      const extract = tar.extract();
      saved.on('error', (e: Error) =>
        extract.destroy(new ImageInputError(`${input}: save stream failed: ${e.message}`)),
      );
      saved.pipe(extract);
      try {
        // Members arrive in whatever order the daemon writes them; each layer is analysed as it comes.
        for await (const entry of extract) {
          const name = entry.header.name.replace(/^\.\//, '');
          const hex = BLOB.exec(name)?.[1] ?? LEGACY_CONFIG.exec(name)?.[1];
          if (hex && `sha256:${hex}` === id) {
            refineHistory(source, await readAll(entry, MAX_JSON, input), input);
            continue;
          }
          const isBlobLayer = hex !== undefined && config.diffIds.includes(`sha256:${hex}`);
          const isLegacyLayer = name.endsWith('/layer.tar') && entry.header.type === 'file';
          if (!isBlobLayer && !isLegacyLayer) {
            entry.resume();
            continue;
          }
          const diffId = isBlobLayer ? `sha256:${hex}` : undefined;
          const stream = Readable.from(entry);
          try {
            yield {
              kind: 'tar',
              ...(diffId ? { diffId, index: config.diffIds.indexOf(diffId) } : {}),
              createdBy: '',
              name: `${input}:${name}`,
              size: entry.header.size,
              stream,
            };
          } finally {
            // A skipped (cached) layer is drained, not destroyed: destroying a member aborts the whole save stream.
            if (!stream.destroyed && !stream.readableEnded) await drain(stream);
          }
        }
      } finally {
        saved.unpipe(extract);
        if (!saved.readableEnded) saved.destroy();
        extract.destroy();
      }
    },
  };
  return source;
}

/** The saved config has the exact history (empty_layer flags) that the history API lacks. */
function refineHistory(source: ImageSource, bytes: Buffer, input: string): void {
  const saved = parseImageConfig(bytes, `${input}:config`);
  if (saved.diffIds.join() !== source.config.diffIds.join()) {
    throw new ImageInputError(`${input}: saved config lists other layers than the daemon's inspect`);
  }
  source.config.history = saved.history;
}

async function readAll(entry: AsyncIterable<unknown>, max: number, input: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let len = 0;
  for await (const c of entry) {
    const b = c as Buffer;
    len += b.length;
    if (len > max)
      throw new ImageInputError(`${input}: config in the save stream is larger than ${max} bytes`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

function drain(s: Readable): Promise<void> {
  return new Promise((resolve) => {
    s.once('end', resolve);
    s.once('close', resolve);
    s.once('error', () => resolve());
    s.resume();
  });
}
