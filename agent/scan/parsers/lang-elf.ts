// Minimal ELF section-table reader: enough to find named sections (.go.buildinfo, .dep-v0) and to
// map a virtual address to a file offset. Every offset is checked against the buffer.

export interface ElfSection {
  name: string;
  type: number;
  /** sh_flags (SHF_EXECINSTR = 0x4 marks machine code). */
  flags: number;
  addr: bigint;
  offset: number;
  size: number;
}

export interface ElfFile {
  is64: boolean;
  littleEndian: boolean;
  sections: ElfSection[];
}

const SHT_NOBITS = 8;
const SHF_EXECINSTR = 0x4;

// Go and Rust analyzers both look at every executable: the table is parsed once per file buffer.
const parsed = new WeakMap<Buffer, ElfFile>();

export function isElf(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 52 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46
  );
}

/** Parses the section table; throws naming the source when the header points outside the file. */
export function readElf(bytes: Buffer, source: string): ElfFile {
  const known = parsed.get(bytes);
  if (known !== undefined) return known;
  const elf = parseElf(bytes, source);
  parsed.set(bytes, elf);
  return elf;
}

function parseElf(bytes: Buffer, source: string): ElfFile {
  return parseElfParts((offset, length) => bytes.subarray(offset, offset + length), bytes.length, source);
}

/** Reads `length` bytes at `offset` of a file; the buffer need only stay valid until the next call. */
export type ReadPart = (offset: number, length: number) => Buffer;

/**
 * The section table, reading only the ELF header, the table and the section-name table: for a file
 * that is not in memory, where the rest of a big executable need not be read.
 */
export function readElfParts(read: ReadPart, fileSize: number, source: string): ElfFile {
  const known = parsedParts.get(read);
  if (known !== undefined) return known;
  const elf = parseElfParts(read, fileSize, source);
  parsedParts.set(read, elf);
  return elf;
}

// The walker hands every analyzer of one file the same reader: Go's and Rust's share one table parse.
const parsedParts = new WeakMap<ReadPart, ElfFile>();

function parseElfParts(read: ReadPart, fileSize: number, source: string): ElfFile {
  const head = read(0, Math.min(64, fileSize));
  if (!isElf(head)) throw new Error(`${source}: not an ELF file`);
  const is64 = head[4] === 2;
  const littleEndian = head[5] !== 2;
  if ((head[4] !== 1 && head[4] !== 2) || (head[5] !== 1 && head[5] !== 2)) {
    throw new Error(`${source}: unknown ELF class ${head[4]} / data encoding ${head[5]}`);
  }
  if (is64 && head.length < 64) throw new Error(`${source}: ELF header truncated`);
  const field = fields(head, is64, littleEndian);
  const shoff = Number(field.word(is64 ? 0x28 : 0x20));
  const shentsize = field.u16(is64 ? 0x3a : 0x2e);
  const shnum = field.u16(is64 ? 0x3c : 0x30);
  const shstrndx = field.u16(is64 ? 0x3e : 0x32);
  if (shnum === 0 || shoff === 0) return { is64, littleEndian, sections: [] };
  const minEnt = is64 ? 64 : 40;
  if (shentsize < minEnt || shoff + shnum * shentsize > fileSize) {
    throw new Error(`${source}: ELF section table (offset ${shoff}, ${shnum} entries) lies outside the file`);
  }
  const table = fields(read(shoff, shnum * shentsize), is64, littleEndian);
  const raw = [];
  for (let i = 0; i < shnum; i++) {
    const at = i * shentsize;
    raw.push({
      nameOff: table.u32(at),
      type: table.u32(at + 4),
      flags: Number(table.word(at + 8)),
      addr: table.word(is64 ? at + 16 : at + 12),
      offset: Number(table.word(is64 ? at + 24 : at + 16)),
      size: Number(table.word(is64 ? at + 32 : at + 20)),
    });
  }
  const strtab = raw[shstrndx];
  // Names only from a string table that lies inside the file (a hostile one yields empty names).
  const names =
    strtab !== undefined && strtab.offset >= 0 && strtab.offset + strtab.size <= fileSize
      ? read(strtab.offset, strtab.size)
      : Buffer.alloc(0);
  const sections: ElfSection[] = raw.map((s) => ({
    name: cString(names, s.nameOff, names.length),
    type: s.type,
    flags: s.flags,
    addr: s.addr,
    offset: s.offset,
    size: s.size,
  }));
  return { is64, littleEndian, sections };
}

function fields(b: Buffer, is64: boolean, le: boolean) {
  const u16 = (o: number): number => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (o: number): number => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const u64 = (o: number): bigint => (le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o));
  return { u16, u32, word: (o: number): bigint => (is64 ? u64(o) : BigInt(u32(o))) };
}

/** Bytes of a named section read on their own, or undefined when absent, empty in the file or out of bounds. */
export function sectionPart(
  read: ReadPart,
  fileSize: number,
  elf: ElfFile,
  name: string,
): Buffer | undefined {
  const s = elf.sections.find((x) => x.name === name);
  if (s === undefined || s.type === SHT_NOBITS || s.offset < 0 || s.offset + s.size > fileSize)
    return undefined;
  return read(s.offset, s.size);
}

/** The bytes of a named section, or undefined when absent, empty in the file, or out of bounds. */
export function sectionData(bytes: Buffer, elf: ElfFile, name: string): Buffer | undefined {
  const s = elf.sections.find((x) => x.name === name);
  if (s === undefined || s.type === SHT_NOBITS || s.offset + s.size > bytes.length) return undefined;
  return bytes.subarray(s.offset, s.offset + s.size);
}

/** File offset of a virtual address, through the section that maps it. */
export function addrToOffset(elf: ElfFile, addr: bigint): number | undefined {
  for (const s of elf.sections) {
    if (s.type === SHT_NOBITS || s.addr === 0n) continue;
    if (addr >= s.addr && addr < s.addr + BigInt(s.size)) return s.offset + Number(addr - s.addr);
  }
  return undefined;
}

function cString(bytes: Buffer, start: number, limit: number): string {
  if (start < 0 || start >= bytes.length) return '';
  const end = bytes.indexOf(0, start);
  return bytes.toString('latin1', start, Math.min(end < 0 ? bytes.length : end, limit, bytes.length));
}

/**
 * First offset of `needle` outside the sections of machine code (data a toolchain embeds never sits in
 * .text, and code is most of an executable's bytes); the whole file when there is no section table.
 */
export function indexOutsideCode(bytes: Buffer, elf: ElfFile, needle: Buffer): number {
  const code = elf.sections
    .filter((s) => (s.flags & SHF_EXECINSTR) !== 0 && s.type !== SHT_NOBITS && s.size > 0)
    .filter((s) => s.offset >= 0 && s.offset + s.size <= bytes.length)
    .sort((a, b) => a.offset - b.offset);
  let from = 0;
  for (const s of code) {
    if (s.offset > from) {
      const at = bytes.subarray(from, s.offset).indexOf(needle);
      if (at >= 0) return from + at;
    }
    from = Math.max(from, s.offset + s.size);
  }
  const at = bytes.subarray(from).indexOf(needle);
  return at < 0 ? -1 : from + at;
}
