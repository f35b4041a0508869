// Walks an uncompressed layer that sits in a file by offset: member headers are read where they are and
// member data only when an analyzer wants it, while a worker thread reads the whole blob once for its
// digest. Streaming every byte through a tar parser (layer-walker's path for compressed or piped
// layers) cost the main thread more than the digest costs the worker.
import fs from 'node:fs';
import type { Analyzer } from '../../model/analyzer';
import { digestFileRange, type FileRange } from './file-digest-worker';
import { LayerCollector, type EntryType } from './layer-collector';
import { tarHeaders } from './tar-headers';
import { ImageInputError, type LayerResult, type LayerStream, type ScanBudget } from './types';

/** Header reads are served from one reused window of this many bytes. */
const WINDOW = 64 * 1024;
/** How often (in members) progress is reported, and (in ms) the event loop is let run. */
const PROGRESS_EVERY = 256;
const YIELD_MS = 2;

export interface FileWalkOptions {
  analyzers: readonly Analyzer[];
  budget: ScanBudget;
  onBytes?: (bytes: number) => void;
  /** See WalkOptions.whileVerifying. */
  whileVerifying?: (provisional: LayerResult) => void;
}

/** True when the range holds a plain (uncompressed) tar this walker can read by offset. */
export function isPlainTarRange(range: FileRange): boolean {
  if (range.size < 512) return false;
  const head = Buffer.alloc(4);
  const fd = fs.openSync(range.file, 'r');
  try {
    if (fs.readSync(fd, head, 0, 4, range.start) < 4) return false;
  } finally {
    fs.closeSync(fd);
  }
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  const zstd = head.readUInt32LE(0) === 0xfd2fb528;
  return !gzip && !zstd;
}

/** Undefined when no worker can hash beside the walk (the caller then streams the layer instead). */
export async function walkTarInFile(
  layer: LayerStream,
  range: FileRange,
  opts: FileWalkOptions,
): Promise<LayerResult | undefined> {
  const hashing = digestFileRange(range);
  if (!hashing) return undefined;
  layer.stream.destroy();
  const input = layer.name;
  const budget = opts.budget;
  const collector = new LayerCollector(input, opts.analyzers, budget);
  let fd: number | undefined;
  try {
    budget.bytes += range.size;
    if (budget.bytes > budget.limits.maxTotalBytes) {
      throw new ImageInputError(
        `${input}: image expands beyond ${budget.limits.maxTotalBytes} uncompressed bytes (limit; decompression bomb?)`,
      );
    }
    fd = fs.openSync(range.file, 'r');
    const reader = new RangeReader(fd, range, input);
    let members = 0;
    let lastYield = performance.now();
    for (const h of tarHeaders(reader.content, range.size, input, Number.MAX_SAFE_INTEGER)) {
      await collector.add(
        {
          name: h.name,
          type: entryType(h.flag),
          mode: h.mode,
          size: h.size,
          uid: h.uid,
          gid: h.gid,
          ...(h.linkname ? { linkname: h.linkname } : {}),
        },
        (max) => Promise.resolve(reader.content(h.dataOffset, Math.min(h.size, max))),
        (offset, length) => {
          if (offset < 0 || length < 0 || offset + length > h.size)
            throw new Error(`read of ${length} bytes at ${offset} lies outside the ${h.size}-byte member`);
          return reader.part(h.dataOffset + offset, length);
        },
      );
      if (++members % PROGRESS_EVERY === 0) opts.onBytes?.(h.dataOffset);
      // Reads here are synchronous: let the event loop run now and then (the console's requests, scan
      // progress), or a whole layer would pass as one task.
      if (performance.now() - lastYield > YIELD_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
    }
    opts.onBytes?.(range.size);
  } catch (err) {
    hashing.cancel();
    throw err instanceof ImageInputError
      ? err
      : new ImageInputError(`${input}: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  if (layer.diffId !== undefined && opts.whileVerifying) {
    collector.result.diffId = layer.diffId;
    collector.result.bytes = range.size;
    opts.whileVerifying(collector.result);
  }
  let digest: string;
  try {
    digest = `sha256:${(await hashing.digests).blob}`;
  } catch (err) {
    throw new ImageInputError(`${input}: ${err instanceof Error ? err.message : String(err)}`);
  }
  // An uncompressed blob is its own tar: its digest is also its diffID.
  if (layer.blobDigest !== undefined && layer.blobDigest !== digest) {
    throw new ImageInputError(`${input}: blob digest is ${digest} but the manifest says ${layer.blobDigest}`);
  }
  if (layer.diffId !== undefined && layer.diffId !== digest) {
    throw new ImageInputError(
      `${input}: uncompressed layer digest is ${digest} but the image config says ${layer.diffId}`,
    );
  }
  collector.result.diffId = digest;
  collector.result.bytes = range.size;
  return collector.result;
}

function entryType(flag: string): EntryType {
  switch (flag) {
    case '0':
    case '7':
      return 'file';
    case '1':
      return 'link';
    case '2':
      return 'symlink';
    case '5':
      return 'directory';
    case '3':
    case '4':
    case '6':
      return 'device';
    default:
      return 'other';
  }
}

/** Reads of the range by offset into reused buffers: a window for headers and small files, scratch for big ones. */
class RangeReader {
  private readonly win = Buffer.allocUnsafe(WINDOW);
  private scratch = Buffer.allocUnsafe(0);
  private partScratch = Buffer.allocUnsafe(0);
  private winStart = 0;
  private winEnd = 0;

  constructor(
    private readonly fd: number,
    private readonly range: FileRange,
    private readonly input: string,
  ) {}

  /**
   * A member's bytes for the analyzers, valid until the next read (the Analyzer contract: content lives
   * as long as the analyze call). Reused buffers: fresh ones per file cost more in page faults than the
   * copying.
   */
  readonly content = (offset: number, length: number): Buffer => {
    if (length <= WINDOW) return this.windowed(offset, length);
    if (this.scratch.length < length)
      this.scratch = Buffer.allocUnsafe(Math.max(length, 2 * this.scratch.length));
    this.fill(this.scratch, length, offset);
    return this.scratch.subarray(0, length);
  };

  /**
   * A part of a member for Analyzer.analyzeParts (an executable's tables, one section): from the window
   * when it is there, else exactly those bytes, leaving the window for the headers that follow.
   */
  part(offset: number, length: number): Buffer {
    if (offset >= this.winStart && offset + length <= this.winEnd) {
      return this.win.subarray(offset - this.winStart, offset - this.winStart + length);
    }
    if (this.partScratch.length < length)
      this.partScratch = Buffer.allocUnsafe(Math.max(length, 2 * this.partScratch.length));
    this.fill(this.partScratch, length, offset);
    return this.partScratch.subarray(0, length);
  }

  private windowed(offset: number, length: number): Buffer {
    if (offset < this.winStart || offset + length > this.winEnd) {
      const n = Math.min(WINDOW, this.range.size - offset);
      this.fill(this.win, n, offset);
      this.winStart = offset;
      this.winEnd = offset + n;
    }
    return this.win.subarray(offset - this.winStart, offset - this.winStart + length);
  }

  private fill(buf: Buffer, length: number, offset: number): void {
    let got = 0;
    while (got < length) {
      const r = fs.readSync(this.fd, buf, got, length - got, this.range.start + offset + got);
      if (r === 0)
        throw new ImageInputError(
          `${this.input}: file ends ${length - got} bytes early at offset ${offset + got} (truncated)`,
        );
      got += r;
    }
  }
}
