// Per-layer results on disk, keyed by diffID and the analyzers' (type, version) list.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Analyzer } from '../../model/analyzer';
import type { LayerResult } from './types';

const DIGEST = /^sha256:([0-9a-f]{64})$/;

/** Hash of the analyzer set: any added, removed or re-versioned analyzer gives a new key. */
export function analyzersKey(analyzers: readonly Analyzer[]): string {
  const list = analyzers.map((a) => `${a.type}@${a.version}`).sort();
  return createHash('sha256').update(JSON.stringify(list)).digest('hex').slice(0, 16);
}

export interface PreparedLayer {
  diffId: string;
  entries: string;
  main: string;
}

export class LayerCache {
  constructor(
    private readonly dir: string,
    private readonly key: string,
  ) {}

  private file(diffId: string): string {
    const m = DIGEST.exec(diffId);
    if (!m) throw new Error(`layer cache: "${diffId}" is not a sha256 diffID`);
    return path.join(this.dir, `${m[1]}-${this.key}.json`);
  }

  /**
   * The cached result, or undefined when missing or unreadable (a corrupt file is rewritten later).
   * The per-file metadata list is the bulk of a layer's result and only file-level checks need it, so it
   * lives in a file of its own, read only `withEntries`.
   */
  async get(diffId: string, withEntries = false): Promise<LayerResult | undefined> {
    const main = await readJson(this.file(diffId));
    if (!isLayerResult(main, diffId)) return undefined;
    if (!withEntries) return main;
    const entries = await readJson(this.entriesFile(diffId));
    return Array.isArray(entries) ? { ...main, entries: entries as LayerResult['entries'] } : undefined;
  }

  async put(result: LayerResult): Promise<void> {
    await this.write(this.prepare(result));
  }

  /** The text to store, made ahead (e.g. while the layer's digest is still being checked). */
  prepare(result: LayerResult): PreparedLayer {
    return {
      diffId: result.diffId,
      entries: JSON.stringify(result.entries),
      main: JSON.stringify({ ...result, entries: [] }),
    };
  }

  /** Entries first, then the main file: a reader that finds the main file also finds its entries. */
  async write(p: PreparedLayer): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    await writeAtomic(this.entriesFile(p.diffId), p.entries);
    await writeAtomic(this.file(p.diffId), p.main);
  }

  private entriesFile(diffId: string): string {
    return this.file(diffId).replace(/\.json$/, '.entries.json');
  }
}

/** Write via a temp file and rename so a reader never sees half a file. */
async function writeAtomic(target: string, text: string): Promise<void> {
  const tmp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(tmp, text);
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function isLayerResult(v: unknown, diffId: string): v is LayerResult {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    r.diffId === diffId &&
    typeof r.files === 'object' &&
    r.files !== null &&
    Array.isArray(r.whiteouts) &&
    Array.isArray(r.opaqueDirs) &&
    Array.isArray(r.entries) &&
    Array.isArray(r.warnings) &&
    typeof r.fileCount === 'number' &&
    typeof r.bytes === 'number' &&
    typeof r.devicesIgnored === 'number' &&
    typeof r.entriesTruncated === 'boolean'
  );
}
