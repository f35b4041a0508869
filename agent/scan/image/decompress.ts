// Layer blobs arrive gzip-, zstd-compressed or plain; the magic bytes decide, not the media type.
import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';

export type Compression = 'gzip' | 'zstd' | 'none';

export function detectCompression(head: Buffer): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  return 'none';
}

/** A Transform around fzstd's streaming decompressor. */
export function createZstdDecompress(): Transform {
  const holder: { dec?: Decompress } = {};
  const t = new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
      try {
        holder.dec?.push(chunk);
        cb();
      } catch (e) {
        cb(toError(e, 'zstd'));
      }
    },
    flush(cb: TransformCallback): void {
      try {
        holder.dec?.push(new Uint8Array(0), true);
        cb();
      } catch (e) {
        cb(toError(e, 'zstd'));
      }
    },
  });
  holder.dec = new Decompress((data) => {
    t.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  });
  return t;
}

export function createDecompressor(kind: Compression): Transform | null {
  // Larger output chunks than zlib's 16 KiB default: fewer callbacks, hash updates and tar-parser calls.
  if (kind === 'gzip') return createGunzip({ chunkSize: 256 * 1024 });
  if (kind === 'zstd') return createZstdDecompress();
  return null;
}

function toError(e: unknown, what: string): Error {
  const msg = e instanceof Error ? e.message : String(e);
  return new Error(`${what} data is corrupt or truncated: ${msg}`);
}

/**
 * Passes bytes through unchanged while hashing and counting them; holds the first bytes back until
 * it has seen enough to call `onHead` with the magic, so the caller can choose the decompressor.
 */
export class Sniffer extends Transform {
  private head: Buffer[] = [];
  private headLen = 0;
  private decided = false;
  constructor(
    private readonly onHead: (head: Buffer) => void,
    private readonly onChunk: (chunk: Buffer) => void,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      this.onChunk(chunk);
      if (this.decided) {
        cb(null, chunk);
        return;
      }
      this.head.push(chunk);
      this.headLen += chunk.length;
      if (this.headLen >= 4) this.release();
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }
  override _flush(cb: TransformCallback): void {
    try {
      if (!this.decided) this.release();
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }
  private release(): void {
    const buf = Buffer.concat(this.head);
    this.decided = true;
    this.head = [];
    this.onHead(buf);
    if (buf.length > 0) this.push(buf);
  }
}

/** Counts and hashes bytes flowing through; `onChunk` may throw to abort (caps). */
export class Meter extends Transform {
  constructor(private readonly onChunk: (chunk: Buffer) => void) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      this.onChunk(chunk);
      cb(null, chunk);
    } catch (e) {
      cb(e as Error);
    }
  }
}
