// Go build information embedded in binaries (what `go version -m` prints). Two layouts exist:
// Go >= 1.18 stores the strings inline after the 32-byte header (flag 0x2); older releases store two
// pointers to Go string headers, which must be followed through the ELF section table.
import {
  addrToOffset,
  indexOutsideCode,
  readElf,
  readElfParts,
  sectionData,
  sectionPart,
  type ElfFile,
  type ReadPart,
} from './lang-elf';
import type { LangRecord } from './lang-record';

export interface GoBuildInfo {
  /** "go1.21.5" as recorded. */
  goVersion: string;
  /** Main module, absent when built from a checkout without a version ("(devel)"). */
  main?: LangRecord;
  deps: LangRecord[];
}

const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const FLAG_BIG_ENDIAN = 0x1;
const FLAG_INLINE = 0x2;
// Go wraps modinfo in 16 random-looking bytes on each side so the linker can find it.
const MODINFO_WRAP = 16;

/** Undefined when the bytes carry no build info (not a Go binary); throws on a damaged block. */
export function parseGoBuildInfo(bytes: Buffer, source: string): GoBuildInfo | undefined {
  const elf = readElf(bytes, source);
  const section = sectionData(bytes, elf, '.go.buildinfo');
  let at =
    section !== undefined && section.subarray(0, MAGIC.length).equals(MAGIC)
      ? section.byteOffset - bytes.byteOffset
      : -1;
  if (at < 0 && mayBeGo(elf)) at = indexOutsideCode(bytes, elf, MAGIC);
  if (at < 0) return undefined;
  if (at + 32 > bytes.length) throw new Error(`${source}: Go build info header truncated`);
  const ptrSize = bytes[at + 14];
  const flags = bytes[at + 15];
  if ((flags & FLAG_INLINE) !== 0) return inlineInfo(bytes, at, source);
  if (ptrSize !== 4 && ptrSize !== 8)
    throw new Error(`${source}: Go build info pointer size ${ptrSize} is invalid`);
  const big = (flags & FLAG_BIG_ENDIAN) !== 0;
  const version = readGoString(bytes, elf, readPtr(bytes, at + 16, ptrSize, big), ptrSize, big, source);
  const modinfo = readGoString(
    bytes,
    elf,
    readPtr(bytes, at + 16 + ptrSize, ptrSize, big),
    ptrSize,
    big,
    source,
  );
  return withModInfo(version, modinfo);
}

/** Go >= 1.18: version and modinfo inline after the 32-byte header at `at`. */
function inlineInfo(bytes: Buffer, at: number, source: string): GoBuildInfo {
  const v = readVarString(bytes, at + 32, source);
  const m = readVarString(bytes, v.next, source);
  return withModInfo(v.text, m.text);
}

function withModInfo(version: string, modinfo: string): GoBuildInfo {
  if (modinfo.length >= 2 * MODINFO_WRAP + 1 && modinfo[modinfo.length - MODINFO_WRAP - 1] === '\n') {
    modinfo = modinfo.slice(MODINFO_WRAP, -MODINFO_WRAP);
  }
  return { goVersion: version, ...parseModInfo(modinfo) };
}

/**
 * The same from parts of a file that is not in memory: only the ELF tables and .go.buildinfo are read.
 * 'whole' when only the whole file can tell (the pre-1.18 pointer layout, no section in a Go-made
 * binary, strings past the section): the caller then parses the whole file.
 */
export function goBuildInfoFromParts(
  read: ReadPart,
  fileSize: number,
  source: string,
): GoBuildInfo | undefined | 'whole' {
  const elf = readElfParts(read, fileSize, source);
  const block = sectionPart(read, fileSize, elf, '.go.buildinfo');
  if (block !== undefined && block.length >= 32 && block.subarray(0, MAGIC.length).equals(MAGIC)) {
    if ((block[15] & FLAG_INLINE) === 0) return 'whole';
    try {
      return inlineInfo(block, 0, source);
    } catch {
      return 'whole';
    }
  }
  return mayBeGo(elf) ? 'whole' : undefined;
}

/** The `mod`/`dep`/`=>` lines of modinfo; a `=>` line replaces the module on the line above it. */
export function parseModInfo(modinfo: string): { main?: LangRecord; deps: LangRecord[] } {
  let main: LangRecord | undefined;
  const deps: LangRecord[] = [];
  let last: LangRecord | undefined;
  for (const line of modinfo.split('\n')) {
    const f = line.split('\t');
    if (f[0] === 'mod' && f.length >= 3) {
      main = last = { name: f[1], version: f[2], licenses: [] };
    } else if (f[0] === 'dep' && f.length >= 3) {
      last = { name: f[1], version: f[2], licenses: [] };
      deps.push(last);
    } else if (f[0] === '=>' && f.length >= 2 && last !== undefined) {
      // A replacement by a local directory has no version: the original requirement stays.
      if (f.length >= 3 && f[2] !== '') {
        last.name = f[1];
        last.version = f[2];
      }
    }
  }
  const usable = main !== undefined && main.version !== '(devel)' && main.version !== '' ? main : undefined;
  return { main: usable, deps: deps.filter((d) => d.version !== '') };
}

// Sections only Go's linker makes. Without .go.buildinfo (which Go >= 1.13 always writes) the block is
// searched for only in a binary that shows one of these, or that has no section table at all: most
// ELF files in an image are C programs and libraries, and searching all of them cost more than the rest
// of the Go analysis.
const GO_SECTION = /^\.(go|gopclntab|gosymtab|noptrdata|noptrbss|typelink|itablink|note\.go\.buildid)(\.|$)/;

function mayBeGo(elf: ElfFile): boolean {
  return elf.sections.length === 0 || elf.sections.some((s) => GO_SECTION.test(s.name));
}

/** "go1.21.5" -> "1.21.5"; "go1.22.0 X:boringcrypto" -> "1.22.0"; "devel …" -> undefined. */
export function goToolchainVersion(goVersion: string): string | undefined {
  const m = /^go(\d+(?:\.\d+){0,2}(?:(?:rc|beta)\d+)?)\b/.exec(goVersion);
  return m === null ? undefined : m[1];
}

function readVarString(bytes: Buffer, at: number, source: string): { text: string; next: number } {
  let len = 0;
  let shift = 0;
  let pos = at;
  for (;;) {
    if (pos >= bytes.length || shift > 28) throw new Error(`${source}: Go build info length truncated`);
    const b = bytes[pos++];
    len += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) break;
    shift += 7;
  }
  if (pos + len > bytes.length)
    throw new Error(`${source}: Go build info string (${len} bytes) runs past the end`);
  return { text: bytes.toString('utf8', pos, pos + len), next: pos + len };
}

function readPtr(bytes: Buffer, at: number, size: number, big: boolean): bigint {
  if (at + size > bytes.length) return -1n;
  if (size === 8) return big ? bytes.readBigUInt64BE(at) : bytes.readBigUInt64LE(at);
  return BigInt(big ? bytes.readUInt32BE(at) : bytes.readUInt32LE(at));
}

// Pre-1.18: the pointer leads to a string header {data pointer, length}, both of pointer size.
function readGoString(
  bytes: Buffer,
  elf: ElfFile,
  addr: bigint,
  size: number,
  big: boolean,
  source: string,
): string {
  const header = addr < 0n ? undefined : addrToOffset(elf, addr);
  if (header === undefined) throw new Error(`${source}: Go build info points outside the mapped sections`);
  const dataAddr = readPtr(bytes, header, size, big);
  const len = Number(readPtr(bytes, header + size, size, big));
  if (len === 0) return '';
  const data = dataAddr < 0n ? undefined : addrToOffset(elf, dataAddr);
  if (data === undefined || len < 0 || data + len > bytes.length) {
    throw new Error(`${source}: Go build info string lies outside the file`);
  }
  return bytes.toString('utf8', data, data + len);
}
