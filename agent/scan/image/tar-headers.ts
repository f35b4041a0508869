// The member headers of a tar held in a file (ustar, GNU and pax, long names and links), read by
// offset so member data is never read unless asked for. Used to index docker-save archives and to walk
// uncompressed layers that sit in a file.
import { ImageInputError } from './types';

export interface TarHeader {
  /** Member name with pax/GNU long names applied, as stored (not yet normalised). */
  name: string;
  linkname: string;
  /** Type flag character ('0', '5', '2', …; '\0' reads as '0'). */
  flag: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** Offset of the member's data from the start of the tar. */
  dataOffset: number;
}

/** Bytes of the tar from `offset`; the buffer may be reused once the next read is made. */
export type ReadAt = (offset: number, length: number) => Buffer;

const BLOCK = 512;
const MAX_META = 1024 * 1024;

// Synchronous: its readers read by offset from files they hold open, and a walk of a big layer reads
// tens of thousands of headers (no promise per header).
export function* tarHeaders(
  read: ReadAt,
  total: number,
  input: string,
  maxEntries: number,
): Generator<TarHeader> {
  let off = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> = {};
  let globalPax: Record<string, string> = {};
  let count = 0;
  while (off + BLOCK <= total) {
    const h = read(off, BLOCK);
    if (isZero(h)) {
      // The end: two zero blocks (or one at the end of the file). Members hidden after a lone zero block
      // are refused, as Docker's own tar reader does, rather than silently left out.
      if (off + 2 * BLOCK <= total && !isZero(read(off + BLOCK, BLOCK))) {
        throw new ImageInputError(
          `${input}: data after an end-of-archive block at offset ${off} (not a valid tar)`,
        );
      }
      return;
    }
    if (++count > maxEntries) throw new ImageInputError(`${input}: more than ${maxEntries} members`);
    checkChecksum(h, input, off);
    const flag = h[156] === 0 ? '0' : String.fromCharCode(h[156]);
    const meta = flag === 'x' || flag === 'L' || flag === 'K' || flag === 'g';
    let size = parseNumber(h.subarray(124, 136), 'size', input, off);
    if (pax.size !== undefined && !meta) size = Number(pax.size);
    const dataOffset = off + BLOCK;
    if (!Number.isSafeInteger(size) || size < 0 || dataOffset + size > total) {
      throw new ImageInputError(
        `${input}: member at offset ${off} runs past the end of the file (truncated archive)`,
      );
    }
    const next = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
    if (meta) {
      if (size > MAX_META)
        throw new ImageInputError(
          `${input}: header extension of ${size} bytes at offset ${off} is too large`,
        );
      const data = read(dataOffset, size);
      if (flag === 'x') pax = { ...globalPax, ...parsePax(data, input) };
      else if (flag === 'g') globalPax = parsePax(data, input);
      else if (flag === 'L') longName = cstr(data);
      else longLink = cstr(data);
      off = next;
      continue;
    }
    const name = pax.path ?? longName ?? ustarName(h);
    yield {
      name,
      linkname: pax.linkpath ?? longLink ?? (h[157] === 0 ? '' : cstr(h, 157, 257)),
      // Old tars mark directories only by a trailing slash.
      flag: flag === '0' && name.endsWith('/') ? '5' : flag,
      mode: parseNumber(h.subarray(100, 108), 'mode', input, off),
      uid: parseNumber(h.subarray(108, 116), 'uid', input, off),
      gid: parseNumber(h.subarray(116, 124), 'gid', input, off),
      size,
      dataOffset,
    };
    longName = longLink = undefined;
    pax = {};
    off = next;
  }
  if (off !== total) throw new ImageInputError(`${input}: archive ends inside a header (truncated archive)`);
}

function isZero(h: Buffer): boolean {
  for (let i = 0; i < BLOCK; i++) if (h[i] !== 0) return false;
  return true;
}

function checkChecksum(h: Buffer, input: string, off: number): void {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
  let stored = -1;
  try {
    stored = parseNumber(h.subarray(148, 156), 'checksum', input, off);
  } catch {
    // reported below as a bad checksum
  }
  if (stored !== sum)
    throw new ImageInputError(`${input}: not a tar archive (bad header checksum at offset ${off})`);
}

function parseNumber(f: Buffer, what: string, input: string, off: number): number {
  if (f[0] & 0x80) {
    // GNU base-256: big-endian after the marker bit.
    let v = f[0] & 0x7f;
    for (let i = 1; i < f.length; i++) v = v * 256 + f[i];
    return v;
  }
  // Octal digits between optional spaces, ended by a NUL or the field's end; read from the bytes (no
  // strings: this runs several times per member).
  let i = 0;
  while (i < f.length && f[i] === 0x20) i++;
  let v = 0;
  for (; i < f.length && f[i] >= 0x30 && f[i] <= 0x37; i++) v = v * 8 + (f[i] - 0x30);
  while (i < f.length && f[i] === 0x20) i++;
  if (i < f.length && f[i] !== 0) throw new ImageInputError(`${input}: bad ${what} field at offset ${off}`);
  return v;
}

function ustarName(h: Buffer): string {
  const name = cstr(h, 0, 100);
  // 'ustar' magic (POSIX and GNU's 'ustar  ') and a prefix field in use.
  const ustar = h[257] === 0x75 && h[258] === 0x73 && h[259] === 0x74 && h[260] === 0x61 && h[261] === 0x72;
  const prefix = ustar && h[345] !== 0 ? cstr(h, 345, 500) : '';
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

/** The NUL-terminated string in b[start, end) (end defaults to the buffer's length). */
function cstr(b: Buffer, start = 0, end = b.length): string {
  let z = start;
  while (z < end && b[z] !== 0) z++;
  return b.toString('utf8', start, z);
}
