// Reads only the headers of a tar file (ustar, pax and GNU long names) to find each member's offset,
// so members can later be streamed straight from the file without extracting anything.
import { safeMemberPath } from './paths';
import { tarHeaders, type ReadAt } from './tar-headers';
import { ImageInputError } from './types';

export type { ReadAt } from './tar-headers';

export interface TarIndexEntry {
  name: string;
  /** Offset of the member's data in the file. */
  offset: number;
  size: number;
  type: 'file' | 'link' | 'symlink' | 'directory' | 'other';
  linkname?: string;
}

export function indexTar(
  read: ReadAt,
  total: number,
  input: string,
  maxEntries = 100_000,
): Map<string, TarIndexEntry> {
  const out = new Map<string, TarIndexEntry>();
  for (const h of tarHeaders(read, total, input, maxEntries)) {
    const name = safeMemberPath(h.name, input).slice(1);
    const entry: TarIndexEntry = { name, offset: h.dataOffset, size: h.size, type: typeOf(h.flag) };
    if (h.linkname) entry.linkname = h.linkname;
    out.set(name, entry);
  }
  return out;
}

/** Follow symlinks inside the archive (docker save links duplicate layers), never outside it. */
export function resolveMember(index: Map<string, TarIndexEntry>, name: string, input: string): TarIndexEntry {
  let cur = safeMemberPath(name, input).slice(1);
  for (let depth = 0; depth < 8; depth++) {
    const e = index.get(cur);
    if (!e) throw new ImageInputError(`${input}: member "${name}" is missing`);
    if (e.type === 'file') return e;
    if (e.type !== 'symlink' || !e.linkname)
      throw new ImageInputError(`${input}: member "${name}" is not a regular file`);
    const dir = cur.includes('/') ? cur.slice(0, cur.lastIndexOf('/')) : '';
    cur = safeMemberPath(e.linkname.startsWith('/') ? e.linkname : `${dir}/${e.linkname}`, input).slice(1);
  }
  throw new ImageInputError(`${input}: member "${name}" is a symlink loop`);
}

function typeOf(flag: string): TarIndexEntry['type'] {
  if (flag === '0' || flag === '7') return 'file';
  if (flag === '1') return 'link';
  if (flag === '2') return 'symlink';
  if (flag === '5') return 'directory';
  return 'other';
}
