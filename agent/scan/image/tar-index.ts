// Reads only the headers of a tar file (ustar, pax and GNU long names) to find each member's offset,
// so members can later be streamed straight from the file without extracting anything.
import { safeMemberPath } from './paths';
import { ImageInputError } from './types';

export interface TarIndexEntry {
  name: string;
  /** Offset of the member's data in the file. */
  offset: number;
  size: number;
  type: 'file' | 'link' | 'symlink' | 'directory' | 'other';
  linkname?: string;
}

export type ReadAt = (offset: number, length: number) => Promise<Buffer>;

const BLOCK = 512;
const MAX_META = 1024 * 1024;

export async function indexTar(
  read: ReadAt,
  total: number,
  input: string,
  maxEntries = 100_000,
): Promise<Map<string, TarIndexEntry>> {
  const out = new Map<string, TarIndexEntry>();
  let off = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> = {};
  let count = 0;
  while (off + BLOCK <= total) {
    const h = await read(off, BLOCK);
    if (h.every((b) => b === 0)) return out;
    if (++count > maxEntries) throw new ImageInputError(`${input}: more than ${maxEntries} members`);
    checkChecksum(h, input, off);
    const flag = String.fromCharCode(h[156] || 0x30);
    let size = parseSize(h.subarray(124, 136), input, off);
    if (pax.size !== undefined && flag !== 'x' && flag !== 'L' && flag !== 'K') size = Number(pax.size);
    const dataOff = off + BLOCK;
    if (!Number.isSafeInteger(size) || size < 0 || dataOff + size > total) {
      throw new ImageInputError(
        `${input}: member at offset ${off} runs past the end of the file (truncated archive)`,
      );
    }
    const next = dataOff + Math.ceil(size / BLOCK) * BLOCK;
    if (flag === 'x' || flag === 'L' || flag === 'K' || flag === 'g') {
      if (size > MAX_META)
        throw new ImageInputError(
          `${input}: header extension of ${size} bytes at offset ${off} is too large`,
        );
      const data = await read(dataOff, size);
      if (flag === 'x') pax = parsePax(data, input);
      else if (flag === 'L') longName = cstr(data);
      else if (flag === 'K') longLink = cstr(data);
      off = next;
      continue;
    }
    const raw = pax.path ?? longName ?? ustarName(h);
    const linkname = pax.linkpath ?? longLink ?? cstr(h.subarray(157, 257));
    const name = safeMemberPath(raw, input).slice(1);
    out.set(name, { name, offset: dataOff, size, type: typeOf(flag), ...(linkname ? { linkname } : {}) });
    longName = longLink = undefined;
    pax = {};
    off = next;
  }
  if (off !== total) throw new ImageInputError(`${input}: archive ends inside a header (truncated archive)`);
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

function checkChecksum(h: Buffer, input: string, off: number): void {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
  const stored = parseInt(cstr(h.subarray(148, 156)).trim() || 'x', 8);
  if (stored !== sum)
    throw new ImageInputError(`${input}: not a tar archive (bad header checksum at offset ${off})`);
}

function parseSize(f: Buffer, input: string, off: number): number {
  if (f[0] & 0x80) {
    // GNU base-256: big-endian after the marker bit.
    let v = f[0] & 0x7f;
    for (let i = 1; i < f.length; i++) v = v * 256 + f[i];
    return v;
  }
  const s = cstr(f).trim();
  if (s !== '' && !/^[0-7]+$/.test(s)) throw new ImageInputError(`${input}: bad size field at offset ${off}`);
  return s === '' ? 0 : parseInt(s, 8);
}

function ustarName(h: Buffer): string {
  const name = cstr(h.subarray(0, 100));
  const magic = h.subarray(257, 262).toString('latin1');
  const prefix = magic === 'ustar' ? cstr(h.subarray(345, 500)) : '';
  return prefix ? `${prefix}/${name}` : name;
}

function parsePax(data: Buffer, input: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < data.length) {
    const sp = data.indexOf(0x20, i);
    const len = sp < 0 ? NaN : parseInt(data.subarray(i, sp).toString('latin1'), 10);
    if (!Number.isInteger(len) || len <= 0 || i + len > data.length)
      throw new ImageInputError(`${input}: malformed pax header`);
    const rec = data.subarray(sp + 1, i + len - 1).toString('utf8');
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    i += len;
  }
  return out;
}

function typeOf(flag: string): TarIndexEntry['type'] {
  if (flag === '0' || flag === '7') return 'file';
  if (flag === '1') return 'link';
  if (flag === '2') return 'symlink';
  if (flag === '5') return 'directory';
  return 'other';
}

function cstr(b: Buffer): string {
  const z = b.indexOf(0);
  return b.subarray(0, z < 0 ? b.length : z).toString('utf8');
}
