// Read-only access to the members of an image archive (a tar file read by offset) or a directory.
import { createReadStream, promises as fs, readSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { normalizeMemberPath } from './paths';
import { indexTar, resolveMember, type TarIndexEntry } from './tar-index';
import { ImageInputError } from './types';
import type { FileRange } from './file-digest-worker';

/** Layer blobs are hundreds of MB: 1 MiB reads cut per-chunk stream and hashing overhead 16-fold. */
const READ_CHUNK = 1024 * 1024;

export interface BlobStore {
  /** Names the archive or directory in errors. */
  name: string;
  has(member: string): Promise<boolean>;
  /** A small member (manifest, config) read whole; refuses members over `max` bytes. */
  read(member: string, max: number): Promise<Buffer>;
  /** The member's bytes; `range` says where they sit in a file, so a digest can be computed beside the stream. */
  open(member: string): Promise<{ stream: Readable; size: number; range?: FileRange }>;
}

export async function tarStore(file: string): Promise<BlobStore> {
  const fh = await fs.open(file, 'r').catch((e: unknown) => {
    throw new ImageInputError(`${file}: cannot open (${e instanceof Error ? e.message : String(e)})`);
  });
  let index: Map<string, TarIndexEntry>;
  try {
    const { size } = await fh.stat();
    index = indexTar(
      (offset, length) => {
        const buf = Buffer.alloc(length);
        return buf.subarray(0, readSync(fh.fd, buf, 0, length, offset));
      },
      size,
      file,
    );
  } finally {
    await fh.close();
  }
  const find = (m: string): TarIndexEntry => resolveMember(index, m, file);
  return {
    name: file,
    has: async (m) => index.has((normalizeMemberPath(m) ?? '').slice(1)),
    read: async (m, max) => {
      const e = find(m);
      if (e.size > max)
        throw new ImageInputError(`${file}: member "${m}" is ${e.size} bytes, more than ${max} expected`);
      const h = await fs.open(file, 'r');
      try {
        const buf = Buffer.alloc(e.size);
        await h.read(buf, 0, e.size, e.offset);
        return buf;
      } finally {
        await h.close();
      }
    },
    open: async (m) => {
      const e = find(m);
      const stream =
        e.size === 0
          ? Readable.from([])
          : createReadStream(file, {
              start: e.offset,
              end: e.offset + e.size - 1,
              highWaterMark: READ_CHUNK,
            });
      return { stream, size: e.size, range: { file, start: e.offset, size: e.size } };
    },
  };
}

/** A directory store; members that are symlinks or not regular files are refused. */
export function dirStore(dir: string): BlobStore {
  const resolve = async (m: string): Promise<{ p: string; size: number }> => {
    const rel = normalizeMemberPath(m);
    if (rel === null) throw new ImageInputError(`${dir}: "${m}" escapes the directory`);
    const p = path.join(dir, rel);
    const st = await fs.lstat(p).catch(() => null);
    if (!st) throw new ImageInputError(`${dir}: "${m}" is missing`);
    if (!st.isFile()) throw new ImageInputError(`${dir}: "${m}" is not a regular file`);
    return { p, size: st.size };
  };
  return {
    name: dir,
    has: async (m) =>
      await resolve(m).then(
        () => true,
        () => false,
      ),
    read: async (m, max) => {
      const { p, size } = await resolve(m);
      if (size > max) throw new ImageInputError(`${dir}: "${m}" is ${size} bytes, more than ${max} expected`);
      return fs.readFile(p);
    },
    open: async (m) => {
      const { p, size } = await resolve(m);
      return {
        stream: createReadStream(p, { highWaterMark: READ_CHUNK }),
        size,
        range: { file: p, start: 0, size },
      };
    },
  };
}
