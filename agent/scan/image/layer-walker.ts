// Streams one layer blob once: decompress by magic, hash the tar (= diffID), walk its entries.
import { createHash } from 'node:crypto';
import { openHashedFileRange } from './file-digest-worker';
import type { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import type { Analyzer } from '../../model/analyzer';
import { Meter, Sniffer, createDecompressor, detectCompression } from './decompress';
import { LayerCollector, type EntryType } from './layer-collector';
import { isPlainTarRange, walkTarInFile } from './layer-file-walker';
import { ImageInputError, type LayerResult, type LayerStream, type ScanBudget } from './types';

export interface WalkOptions {
  analyzers: readonly Analyzer[];
  budget: ScanBudget;
  /** Called with the running count of uncompressed bytes of this layer. */
  onBytes?: (bytes: number) => void;
  /** false: stream even an uncompressed layer that sits in a file (tests compare both paths). */
  byOffset?: boolean;
  /**
   * Called with the walked result, its diffID still the one the config claims, while a worker is still
   * checking the layer's digest: work done here is thrown away when the check fails.
   */
  whileVerifying?: (provisional: LayerResult) => void;
}

export async function walkLayer(layer: LayerStream, opts: WalkOptions): Promise<LayerResult> {
  if (layer.fileRange && opts.byOffset !== false && isPlainTarRange(layer.fileRange)) {
    const done = await walkTarInFile(layer, layer.fileRange, opts);
    if (done) return done;
  }
  return streamLayer(layer, opts);
}

/** Every byte through decompression and a streaming tar parser: compressed, piped or any layer. */
async function streamLayer(layer: LayerStream, opts: WalkOptions): Promise<LayerResult> {
  const input = layer.name;
  const collector = new LayerCollector(input, opts.analyzers, opts.budget);
  const rawHash = createHash('sha256');
  const tarHash = createHash('sha256');
  // A file-backed blob is read (and hashed) by the worker instead of through the layer's own stream.
  const hashed = layer.fileRange ? openHashedFileRange(layer.fileRange) : undefined;
  if (hashed) layer.stream.destroy();
  const source = hashed ? hashed.stream : layer.stream;
  const parallel = hashed?.digests;
  // An uncompressed blob is its own tar stream: one hash serves as blob digest and diffID.
  let compressed = false;
  let rawBytes = 0;
  let tarBytes = 0;
  const budget = opts.budget;
  const extract = tar.extract();
  const parts: Readable[] = [source];
  let failure: Error | undefined;
  const fail = (err: Error): void => {
    if (failure) return;
    failure = err instanceof ImageInputError ? err : new ImageInputError(`${input}: ${err.message}`);
    for (const p of parts) p.destroy();
    extract.destroy(failure);
  };

  const tarMeter = new Meter((chunk) => {
    if (compressed) tarHash.update(chunk);
    tarBytes += chunk.length;
    budget.bytes += chunk.length;
    if (budget.bytes > budget.limits.maxTotalBytes) {
      throw new ImageInputError(
        `${input}: image expands beyond ${budget.limits.maxTotalBytes} uncompressed bytes (limit; decompression bomb?)`,
      );
    }
    opts.onBytes?.(tarBytes);
  });
  const sniffer = new Sniffer(
    (head) => {
      const dec = createDecompressor(detectCompression(head));
      const chain: Readable = dec ? sniffer.pipe(dec) : sniffer;
      if (dec) parts.push(dec);
      compressed = dec !== null;
      parts.push(tarMeter);
      chain.pipe(tarMeter).pipe(extract);
      for (const p of parts) p.on('error', fail);
    },
    (chunk) => {
      if (!parallel) rawHash.update(chunk);
      rawBytes += chunk.length;
    },
  );
  parts.push(sniffer);
  source.on('error', fail);
  sniffer.on('error', fail);
  source.pipe(sniffer);

  try {
    for await (const entry of extract) {
      const h = entry.header;
      await collector.add(
        {
          name: h.name,
          // Old tars mark directories only by a trailing slash (as the by-offset walk reads them).
          type: h.type === 'file' && h.name.endsWith('/') ? 'directory' : entryType(h.type),
          mode: h.mode ?? 0,
          size: h.size ?? 0,
          uid: h.uid ?? 0,
          gid: h.gid ?? 0,
          ...(h.linkname ? { linkname: h.linkname } : {}),
        },
        (max) => readEntry(entry, max),
      );
      entry.resume();
    }
  } catch (err) {
    fail(err instanceof Error ? err : new Error(String(err)));
  }
  if (failure) throw failure;
  if (rawBytes === 0) throw new ImageInputError(`${input}: layer blob is empty (not a tar archive)`);
  await finished(tarMeter);
  const fromWorker = parallel ? await parallel : undefined;
  const blobDigest = `sha256:${fromWorker ? fromWorker.blob : rawHash.digest('hex')}`;
  const diffId = compressed ? `sha256:${tarHash.digest('hex')}` : blobDigest;
  if (layer.blobDigest !== undefined && layer.blobDigest !== blobDigest) {
    throw new ImageInputError(
      `${input}: blob digest is ${blobDigest} but the manifest says ${layer.blobDigest}`,
    );
  }
  if (layer.diffId !== undefined && layer.diffId !== diffId) {
    throw new ImageInputError(
      `${input}: uncompressed layer digest is ${diffId} but the image config says ${layer.diffId}`,
    );
  }
  collector.result.diffId = diffId;
  collector.result.bytes = tarBytes;
  return collector.result;
}

function entryType(t: tar.Header['type']): EntryType {
  switch (t) {
    case 'file':
    case 'contiguous-file':
      return 'file';
    case 'link':
      return 'link';
    case 'symlink':
      return 'symlink';
    case 'directory':
      return 'directory';
    case 'character-device':
    case 'block-device':
    case 'fifo':
      return 'device';
    default:
      return 'other';
  }
}

/**
 * Read up to `max` bytes of an entry; the rest is drained by the caller's resume(). An entry that
 * arrives in one chunk is returned as a view of it (no copy); a longer one is copied once.
 */
async function readEntry(entry: AsyncIterable<unknown>, max: number): Promise<Buffer> {
  let first: Buffer | undefined;
  let joined: Buffer | undefined;
  let kept = 0;
  for await (const chunk of entry) {
    const c = chunk as Buffer;
    const take = Math.min(c.length, max - kept);
    if (take <= 0) continue;
    if (first === undefined) {
      first = c.subarray(0, take);
    } else {
      if (joined === undefined) {
        joined = Buffer.allocUnsafe(max);
        first.copy(joined, 0);
      }
      c.copy(joined, kept, 0, take);
    }
    kept += take;
  }
  if (joined !== undefined) return joined.subarray(0, kept);
  return first ?? Buffer.alloc(0);
}

function finished(s: Readable): Promise<void> {
  if (s.readableEnded) return Promise.resolve();
  return new Promise((resolve, reject) => {
    s.once('end', resolve);
    s.once('error', reject);
    s.once('close', resolve);
  });
}
