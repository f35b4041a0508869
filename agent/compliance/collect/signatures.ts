// Malware / miner hash lists: the built-in sets in resources/malware and user lists in JSON, CSV
// (`md5,name` or `sha256,name`), plain "<hash> <name>" lines, and ClamAV .hdb (md5:size:name) /
// .hsb (sha1|sha256:size:name) databases. Pure: text in, SignatureSet out.

export type HashAlgo = 'md5' | 'sha1' | 'sha256';

export interface Signature {
  algo: HashAlgo;
  hash: string;
  name: string;
  /** When known (ClamAV databases, built-ins), only a file of exactly this size can match. */
  size?: number;
  /** Which list it came from, for evidence. */
  list: string;
}

export interface SignatureSet {
  byHash: Map<string, Signature[]>;
  /** Sizes of sized signatures; `anySize` is true when some signature has no size. */
  sizes: Set<number>;
  anySize: boolean;
  /** Algorithms some signature uses: a file is hashed only with these. */
  algos: Set<HashAlgo>;
  count: number;
}

const HEX_LEN: Record<number, HashAlgo> = { 32: 'md5', 40: 'sha1', 64: 'sha256' };
const MAX_LIST_BYTES = 64 * 1024 * 1024;

export function emptySignatureSet(): SignatureSet {
  return { byHash: new Map(), sizes: new Set(), anySize: false, algos: new Set(), count: 0 };
}

export function addSignatures(set: SignatureSet, sigs: readonly Signature[]): SignatureSet {
  for (const s of sigs) {
    const key = `${s.algo}:${s.hash}`;
    const list = set.byHash.get(key) ?? [];
    list.push(s);
    set.byHash.set(key, list);
    if (s.size === undefined) set.anySize = true;
    else set.sizes.add(s.size);
    set.algos.add(s.algo);
    set.count++;
  }
  return set;
}

function algoOf(hash: string, input: string, line: number): HashAlgo {
  const algo = /^[0-9a-f]+$/.test(hash) ? HEX_LEN[hash.length] : undefined;
  if (!algo)
    throw new Error(`${input}:${line}: "${hash.slice(0, 80)}" is not an md5, sha1 or sha256 hex digest`);
  return algo;
}

function lines(text: string, input: string): Array<[number, string]> {
  if (text.length > MAX_LIST_BYTES) throw new Error(`${input}: signature list over ${MAX_LIST_BYTES} bytes`);
  return text
    .split(/\r?\n/)
    .map((l, i): [number, string] => [i + 1, l.trim()])
    .filter(([, l]) => l !== '' && !l.startsWith('#'));
}

/** ClamAV .hdb / .hsb: `hash:size:name` (size may be `*` in .hsb = any size). */
export function parseClamHashDb(text: string, input: string): Signature[] {
  return lines(text, input).map(([n, l]) => {
    const parts = l.split(':');
    if (parts.length < 3) throw new Error(`${input}:${n}: expected hash:size:name, got "${l.slice(0, 80)}"`);
    const hash = parts[0].toLowerCase();
    const algo = algoOf(hash, input, n);
    const sizeText = parts[1];
    let size: number | undefined;
    if (sizeText !== '*') {
      if (!/^\d{1,15}$/.test(sizeText))
        throw new Error(`${input}:${n}: size "${sizeText.slice(0, 20)}" is not a number`);
      size = Number(sizeText);
    }
    const name = parts.slice(2).join(':').trim() || 'unnamed';
    return { algo, hash, name, list: input, ...(size !== undefined ? { size } : {}) };
  });
}

/** CSV `hash,name` or whitespace `hash name` lines; a first line naming the column (md5,name) is a header. */
export function parseHashLines(text: string, input: string): Signature[] {
  const out: Signature[] = [];
  for (const [n, l] of lines(text, input)) {
    const m = /^([^\s,]+)\s*[,\s]\s*(.*)$/.exec(l) ?? [l, l, ''];
    const hash = m[1].toLowerCase();
    if (n === 1 && /^(md5|sha1|sha256|hash|digest)$/.test(hash)) continue;
    out.push({ algo: algoOf(hash, input, n), hash, name: m[2].trim() || 'unnamed', list: input });
  }
  return out;
}

interface JsonSig {
  md5?: unknown;
  sha1?: unknown;
  sha256?: unknown;
  name?: unknown;
  size?: unknown;
}

/** JSON: `[{name, md5?, sha1?, sha256?, size?}]` or `{signatures: [...]}`. */
export function parseJsonSignatures(text: string, input: string): Signature[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`${input}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const arr = Array.isArray(doc) ? doc : (doc as { signatures?: unknown } | null)?.signatures;
  if (!Array.isArray(arr))
    throw new Error(`${input}: expected an array of signatures or {signatures: [...]}`);
  const out: Signature[] = [];
  arr.forEach((raw: unknown, i) => {
    if (typeof raw !== 'object' || raw === null) throw new Error(`${input}: signature ${i} is not an object`);
    const s = raw as JsonSig;
    const name = typeof s.name === 'string' && s.name ? s.name : 'unnamed';
    let size: number | undefined;
    if (s.size !== undefined) {
      if (typeof s.size !== 'number' || !Number.isInteger(s.size) || s.size < 0)
        throw new Error(`${input}: signature ${i} size is not a non-negative integer`);
      size = s.size;
    }
    let any = false;
    for (const algo of ['md5', 'sha1', 'sha256'] as const) {
      const h = s[algo];
      if (h === undefined) continue;
      if (typeof h !== 'string') throw new Error(`${input}: signature ${i} ${algo} is not a string`);
      const hash = h.toLowerCase();
      if (algoOf(hash, input, i) !== algo)
        throw new Error(`${input}: signature ${i} ${algo} has the wrong length`);
      out.push({ algo, hash, name, list: input, ...(size !== undefined ? { size } : {}) });
      any = true;
    }
    if (!any) throw new Error(`${input}: signature ${i} has no md5, sha1 or sha256`);
  });
  return out;
}

/** Pick the parser by file name: .hdb/.hsb ClamAV, .json JSON, anything else hash lines / CSV. */
export function parseSignatureList(text: string, input: string): Signature[] {
  const lower = input.toLowerCase();
  if (lower.endsWith('.hdb') || lower.endsWith('.hsb')) return parseClamHashDb(text, input);
  if (lower.endsWith('.json')) return parseJsonSignatures(text, input);
  return parseHashLines(text, input);
}

/** Signatures matching a file with these digests and this size (sized ones need the exact size). */
export function matchSignatures(
  set: SignatureSet,
  digests: Partial<Record<HashAlgo, string>>,
  size: number,
): Signature[] {
  const out: Signature[] = [];
  for (const algo of ['md5', 'sha1', 'sha256'] as const) {
    const digest = digests[algo];
    if (digest === undefined) continue;
    for (const s of set.byHash.get(`${algo}:${digest}`) ?? []) {
      if (s.size === undefined || s.size === size) out.push(s);
    }
  }
  return out;
}
