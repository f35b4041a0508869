// Streams the files of a zip archive (OSV's all.zip) with fflate's streaming Unzip: one entry in memory at a time.
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { fileChunks } from './read-input';

export interface ZipEntry {
  name: string;
  /** Undefined when the entry inflated to more than maxEntryBytes (it was skipped, not buffered). */
  data?: Buffer;
  size: number;
}

// The end-of-central-directory record sits in the last 22 bytes plus an optional comment of up to 64 KiB.
const EOCD_WINDOW = 22 + 0xffff;
const EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

export async function* zipEntries(
  path: string,
  maxEntryBytes: number,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<ZipEntry> {
  const done: ZipEntry[] = [];
  const open = new Set<object>();
  let failure: Error | undefined;
  const unzip = new Unzip((file: UnzipFile) => {
    if (file.name.endsWith('/')) return;
    if (file.compression !== 0 && file.compression !== 8) {
      failure ??= new Error(
        `${path}: entry ${file.name} uses unsupported compression method ${file.compression}`,
      );
      return;
    }
    const token = {};
    open.add(token);
    const parts: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, chunk, final): void => {
      if (err) {
        failure ??= new Error(`${path}: entry ${file.name} is damaged (${err.message})`);
        return;
      }
      size += chunk.length;
      if (size <= maxEntryBytes) parts.push(chunk);
      else parts.length = 0;
      if (final) {
        open.delete(token);
        done.push({ name: file.name, size, data: size <= maxEntryBytes ? Buffer.concat(parts) : undefined });
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);

  let tail = Buffer.alloc(0);
  let bytes = 0;
  const push = (chunk: Uint8Array, final: boolean): void => {
    try {
      unzip.push(chunk, final);
    } catch (err) {
      failure ??= new Error(
        `${path}: ${final ? 'truncated or damaged' : 'damaged'} zip archive (${(err as Error).message})`,
      );
    }
  };
  for await (const chunk of fileChunks(path)) {
    bytes += chunk.length;
    tail = Buffer.concat([tail, chunk]);
    if (tail.length > EOCD_WINDOW) tail = tail.subarray(tail.length - EOCD_WINDOW);
    push(chunk, false);
    if (failure) throw failure;
    onBytes?.(bytes);
    yield* done.splice(0);
  }
  push(new Uint8Array(0), true);
  if (failure) throw failure;
  yield* done.splice(0);
  if (open.size > 0) throw new Error(`${path}: truncated zip archive (an entry ends before its data does)`);
  if (tail.lastIndexOf(EOCD) < 0) {
    throw new Error(`${path}: truncated or not a zip archive (no end-of-central-directory record)`);
  }
}
