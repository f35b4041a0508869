// Java archives (jar/war/ear). Bounded on purpose: archives come from untrusted images, so the number
// of entries inflated, nesting depth, and total inflated and compressed bytes are all capped.
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { uniqueRecords, type LangRecord } from './lang-record';

export interface JarLimits {
  maxEntries: number;
  maxDepth: number;
  maxInflatedBytes: number;
  maxMetadataBytes: number;
}

export const DEFAULT_JAR_LIMITS: JarLimits = {
  maxEntries: 1000,
  maxDepth: 3,
  maxInflatedBytes: 256 * 1024 * 1024,
  maxMetadataBytes: 1024 * 1024,
};

interface Budget {
  entries: number;
  inflated: number;
  compressed: number;
}

const POM = /^META-INF\/maven\/[^/]+\/[^/]+\/pom\.properties$/;
const MANIFEST = 'META-INF/MANIFEST.MF';
const NESTED = /\.(jar|war|ear)$/i;

/** Packages described by a Java archive and the archives nested in it; `fileName` is the base name. */
export function parseJavaArchive(
  bytes: Uint8Array,
  fileName: string,
  limits: JarLimits = DEFAULT_JAR_LIMITS,
): LangRecord[] {
  const budget: Budget = { entries: 0, inflated: 0, compressed: 0 };
  const out: LangRecord[] = [];
  walk(bytes, fileName, 0, limits, budget, out);
  return uniqueRecords(out);
}

function walk(
  bytes: Uint8Array,
  fileName: string,
  depth: number,
  limits: JarLimits,
  budget: Budget,
  out: LangRecord[],
): void {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => admit(f, depth, limits, budget, bytes.length) });
  } catch (err) {
    throw new Error(`${fileName}: not a readable zip archive (${(err as Error).message})`);
  }
  const own: LangRecord[] = [];
  for (const [name, data] of Object.entries(files)) {
    if (POM.test(name)) {
      const rec = fromPomProperties(Buffer.from(data).toString('utf8'));
      if (rec !== undefined) own.push(rec);
    }
  }
  if (own.length === 0 && files[MANIFEST] !== undefined) {
    const rec = fromManifest(Buffer.from(files[MANIFEST]).toString('utf8'));
    if (rec !== undefined) own.push(rec);
  }
  if (own.length === 0) {
    const rec = fromFileName(fileName);
    if (rec !== undefined) own.push(rec);
  }
  out.push(...own);
  for (const [name, data] of Object.entries(files)) {
    if (!NESTED.test(name) || depth + 1 > limits.maxDepth) continue;
    const base = name.slice(name.lastIndexOf('/') + 1);
    try {
      walk(data, base, depth + 1, limits, budget, out);
    } catch {
      // A damaged or truncated (over-budget) nested archive must not cost the packages already found
      // in the outer one; it simply contributes nothing.
    }
  }
}

// Decides before inflation, from the sizes the central directory claims; fflate never writes past the
// claimed size, so a lying header yields a truncated entry, not an unbounded one.
function admit(
  f: UnzipFileInfo,
  depth: number,
  limits: JarLimits,
  budget: Budget,
  archiveSize: number,
): boolean {
  const metadata = POM.test(f.name) || f.name === MANIFEST;
  const nested = NESTED.test(f.name) && depth + 1 <= limits.maxDepth;
  if (!metadata && !nested) return false;
  if (budget.entries >= limits.maxEntries) return false;
  if (metadata && f.originalSize > limits.maxMetadataBytes) return false;
  if (budget.inflated + f.originalSize > limits.maxInflatedBytes) return false;
  // Overlapping entries can point many headers at one compressed stream: cap the work as well.
  if (budget.compressed + f.size > Math.max(archiveSize, limits.maxInflatedBytes) * 2) return false;
  budget.entries++;
  budget.inflated += f.originalSize;
  budget.compressed += f.size;
  return true;
}

function properties(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([^#!=:\s]+)\s*[=:]\s*(.*)$/.exec(line);
    if (m !== null) map.set(m[1], m[2].trim());
  }
  return map;
}

function fromPomProperties(text: string): LangRecord | undefined {
  const p = properties(text);
  const group = p.get('groupId');
  const name = p.get('artifactId');
  const version = p.get('version');
  if (!group || !name || !version) return undefined;
  return { group, name, version, licenses: [] };
}

/** MANIFEST.MF: "Key: value" with 72-byte lines continued by a leading space. */
export function parseManifest(text: string): Map<string, string> {
  const map = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith(' ') && last !== undefined) {
      map.set(last, (map.get(last) ?? '') + line.slice(1));
      continue;
    }
    const colon = line.indexOf(': ');
    if (colon <= 0) continue;
    last = line.slice(0, colon);
    if (!map.has(last)) map.set(last, line.slice(colon + 2));
    else last = undefined; // later sections repeat keys per entry; the main section wins
  }
  return map;
}

function fromManifest(text: string): LangRecord | undefined {
  const m = parseManifest(text);
  const symbolic = m.get('Bundle-SymbolicName')?.split(';')[0].trim();
  const name = m.get('Implementation-Title') ?? symbolic ?? m.get('Specification-Title');
  const version =
    m.get('Implementation-Version') ?? m.get('Bundle-Version') ?? m.get('Specification-Version');
  if (!name || !version) return undefined;
  const group = m.get('Implementation-Vendor-Id');
  return group ? { group, name, version, licenses: [] } : { name, version, licenses: [] };
}

/** "commons-io-2.11.0.jar" -> commons-io 2.11.0: the version starts at the first "-<digit>". */
export function fromFileName(fileName: string): LangRecord | undefined {
  const m = /^(.+?)-(\d[^/]*)\.(jar|war|ear)$/i.exec(fileName);
  return m === null ? undefined : { name: m[1], version: m[2], licenses: [] };
}
