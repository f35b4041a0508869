// Pure parser for rpm header blobs as rpmdb stores them: a big-endian index count and data length,
// 16-byte index entries (tag, type, offset, count), then the data store the offsets point into.

export const RPMTAG = {
  NAME: 1000,
  VERSION: 1001,
  RELEASE: 1002,
  EPOCH: 1003,
  SUMMARY: 1004,
  VENDOR: 1011,
  LICENSE: 1014,
  ARCH: 1022,
  SOURCERPM: 1044,
} as const;

export const RPM_TYPE = {
  NULL: 0,
  CHAR: 1,
  INT8: 2,
  INT16: 3,
  INT32: 4,
  INT64: 5,
  STRING: 6,
  BIN: 7,
  STRING_ARRAY: 8,
  I18NSTRING: 9,
} as const;

// rpm's own sanity limits for a header (HEADER_TAGS_MAX, HEADER_DATA_MAX).
const MAX_INDEX_ENTRIES = 0xffff;
const MAX_DATA_BYTES = 0x0fffffff;
// A full header (as in .rpm files) starts with this magic and 4 reserved bytes; rpmdb blobs do not.
const HEADER_MAGIC = [0x8e, 0xad, 0xe8, 0x01];

export interface RpmIndexEntry {
  tag: number;
  type: number;
  offset: number;
  count: number;
}

export interface RpmHeader {
  label: string;
  /** First entry per tag. */
  entries: Map<number, RpmIndexEntry>;
  data: Buffer;
}

export function parseRpmHeader(blob: Uint8Array, label = 'rpm header'): RpmHeader {
  let buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (buf.length >= 8 && HEADER_MAGIC.every((b, i) => buf[i] === b)) buf = buf.subarray(8);
  if (buf.length < 8)
    throw new Error(`${label}: ${buf.length} bytes is too short for an rpm header (need 8)`);
  const il = buf.readUInt32BE(0);
  const dl = buf.readUInt32BE(4);
  if (il === 0 || il > MAX_INDEX_ENTRIES)
    throw new Error(`${label}: index count ${il} is out of range (1..${MAX_INDEX_ENTRIES})`);
  if (dl > MAX_DATA_BYTES) throw new Error(`${label}: data length ${dl} exceeds ${MAX_DATA_BYTES}`);
  const dataStart = 8 + il * 16;
  const need = dataStart + dl;
  if (buf.length < need) {
    throw new Error(
      `${label}: truncated: index count ${il} and data length ${dl} need ${need} bytes, blob has ${buf.length}`,
    );
  }
  const entries = new Map<number, RpmIndexEntry>();
  for (let i = 0; i < il; i++) {
    const at = 8 + i * 16;
    const entry: RpmIndexEntry = {
      tag: buf.readInt32BE(at),
      type: buf.readUInt32BE(at + 4),
      offset: buf.readInt32BE(at + 8),
      count: buf.readUInt32BE(at + 12),
    };
    if (!entries.has(entry.tag)) entries.set(entry.tag, entry);
  }
  return { label, entries, data: buf.subarray(dataStart, need) };
}

function checkOffset(h: RpmHeader, e: RpmIndexEntry, bytes: number): void {
  if (e.offset < 0 || e.offset + bytes > h.data.length) {
    throw new Error(
      `${h.label}: tag ${e.tag} offset ${e.offset} (+${bytes} bytes) lies outside the ${h.data.length}-byte data store`,
    );
  }
}

function readCString(h: RpmHeader, e: RpmIndexEntry, start: number): { value: string; next: number } {
  checkOffset(h, { ...e, offset: start }, 1);
  const end = h.data.indexOf(0, start);
  if (end < 0) throw new Error(`${h.label}: tag ${e.tag} string at offset ${start} has no terminating NUL`);
  return { value: h.data.toString('utf8', start, end), next: end + 1 };
}

/** A string tag; for I18NSTRING the first (C locale) entry. Undefined when the tag is absent. */
export function rpmString(h: RpmHeader, tag: number): string | undefined {
  const e = h.entries.get(tag);
  if (!e) return undefined;
  if (e.type !== RPM_TYPE.STRING && e.type !== RPM_TYPE.I18NSTRING && e.type !== RPM_TYPE.STRING_ARRAY) {
    throw new Error(`${h.label}: tag ${tag} has type ${e.type}, expected a string`);
  }
  return readCString(h, e, e.offset).value;
}

export function rpmStringArray(h: RpmHeader, tag: number): string[] | undefined {
  const e = h.entries.get(tag);
  if (!e) return undefined;
  if (e.type !== RPM_TYPE.STRING_ARRAY && e.type !== RPM_TYPE.I18NSTRING && e.type !== RPM_TYPE.STRING) {
    throw new Error(`${h.label}: tag ${tag} has type ${e.type}, expected a string array`);
  }
  const count = e.type === RPM_TYPE.STRING ? 1 : e.count;
  // Each string takes at least one byte, so a count beyond the data store is a lie.
  if (count > h.data.length) throw new Error(`${h.label}: tag ${tag} count ${count} exceeds the data store`);
  const out: string[] = [];
  let at = e.offset;
  for (let i = 0; i < count; i++) {
    const s = readCString(h, e, at);
    out.push(s.value);
    at = s.next;
  }
  return out;
}

export function rpmInt32(h: RpmHeader, tag: number): number[] | undefined {
  const e = h.entries.get(tag);
  if (!e) return undefined;
  if (e.type !== RPM_TYPE.INT32) throw new Error(`${h.label}: tag ${tag} has type ${e.type}, expected INT32`);
  if (e.count === 0 || e.count > h.data.length / 4)
    throw new Error(`${h.label}: tag ${tag} count ${e.count} is out of range`);
  checkOffset(h, e, e.count * 4);
  const out: number[] = [];
  for (let i = 0; i < e.count; i++) out.push(h.data.readInt32BE(e.offset + i * 4));
  return out;
}

export interface RpmPackageRecord {
  name: string;
  version: string;
  release: string;
  epoch?: number;
  arch?: string;
  license?: string;
  /** "openssl-3.0.7-24.el9.src.rpm" */
  sourceRpm?: string;
  vendor?: string;
}

/** The package fields of one header; NAME, VERSION and RELEASE are required. */
export function parseRpmPackage(blob: Uint8Array, label = 'rpm header'): RpmPackageRecord {
  const h = parseRpmHeader(blob, label);
  const name = rpmString(h, RPMTAG.NAME);
  const version = rpmString(h, RPMTAG.VERSION);
  const release = rpmString(h, RPMTAG.RELEASE);
  if (!name || !version || !release) {
    throw new Error(`${label}: header lacks ${!name ? 'NAME' : !version ? 'VERSION' : 'RELEASE'}`);
  }
  const record: RpmPackageRecord = { name, version, release };
  const epoch = rpmInt32(h, RPMTAG.EPOCH)?.[0];
  if (epoch !== undefined) record.epoch = epoch;
  const arch = rpmString(h, RPMTAG.ARCH);
  if (arch) record.arch = arch;
  const license = rpmString(h, RPMTAG.LICENSE);
  if (license) record.license = license;
  const sourceRpm = rpmString(h, RPMTAG.SOURCERPM);
  if (sourceRpm) record.sourceRpm = sourceRpm;
  const vendor = rpmString(h, RPMTAG.VENDOR);
  if (vendor) record.vendor = vendor;
  return record;
}

/** "[epoch:]version-release", the form rpm version comparison and advisories use. */
export function rpmEvr(r: Pick<RpmPackageRecord, 'epoch' | 'version' | 'release'>): string {
  return `${r.epoch !== undefined ? `${r.epoch}:` : ''}${r.version}-${r.release}`;
}

/** "openssl-3.0.7-24.el9.src.rpm" → openssl / 3.0.7 / 24.el9; undefined when it is not that shape. */
export function parseSourceRpm(file: string): { name: string; version: string; release: string } | undefined {
  const base = file.replace(/\.(no)?src\.rpm$/, '');
  if (base === file) return undefined;
  const relAt = base.lastIndexOf('-');
  const verAt = relAt > 0 ? base.lastIndexOf('-', relAt - 1) : -1;
  if (verAt <= 0) return undefined;
  return {
    name: base.slice(0, verAt),
    version: base.slice(verAt + 1, relAt),
    release: base.slice(relAt + 1),
  };
}
