// Turns the entries of one layer (from a tar or a directory tree) into a LayerResult: whiteouts,
// analyzer results and compact file metadata, with the per-image caps enforced.
import type { AnalysisResult, Analyzer, FileMeta } from '../../model/analyzer';
import { normalizeMemberPath, safeMemberPath, symlinkEscapes } from './paths';
import { ImageInputError, type FileEntry, type LayerResult, type ScanBudget } from './types';

export type EntryType = 'file' | 'link' | 'symlink' | 'directory' | 'device' | 'other';

export interface CollectorEntry {
  name: string;
  type: EntryType;
  mode: number;
  size: number;
  uid: number;
  gid: number;
  linkname?: string;
}

const MAX_WARNINGS = 200;
const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

export class LayerCollector {
  readonly result: LayerResult;
  private escapes = 0;

  constructor(
    private readonly input: string,
    private readonly analyzers: readonly Analyzer[],
    private readonly budget: ScanBudget,
    /** Tar members must hold exactly their header's size; a live filesystem may change under us. */
    private readonly strictSize = true,
  ) {
    this.result = {
      diffId: '',
      files: {},
      whiteouts: [],
      opaqueDirs: [],
      fileCount: 0,
      bytes: 0,
      entries: [],
      entriesTruncated: false,
      devicesIgnored: 0,
      warnings: [],
    };
  }

  warn(msg: string): void {
    const w = this.result.warnings;
    if (w.length < MAX_WARNINGS) w.push(msg);
    else if (w.length === MAX_WARNINGS) w.push(`${this.input}: further warnings dropped`);
  }

  /**
   * Handle one entry. `read(max)` returns the entry's bytes (at most `max`); it is called at most
   * once and only when some analyzer wants the file.
   */
  async add(
    e: CollectorEntry,
    read: (max: number) => Promise<Buffer>,
    /** Reads part of the entry by offset (walkers of files only): see Analyzer.analyzeParts. */
    readPart?: (offset: number, length: number) => Buffer,
  ): Promise<void> {
    const b = this.budget;
    b.entries++;
    if (b.entries > b.limits.maxEntries) {
      throw new ImageInputError(
        `${this.input}: more than ${b.limits.maxEntries} entries in the image (entry limit)`,
      );
    }
    const path = safeMemberPath(e.name, this.input);
    if (path === '/') return;
    const slash = path.lastIndexOf('/');
    const dir = slash === 0 ? '/' : path.slice(0, slash);
    const base = path.slice(slash + 1);
    if (base === OPAQUE) {
      this.result.opaqueDirs.push(dir);
      return;
    }
    if (base.startsWith(WHITEOUT)) {
      this.result.whiteouts.push(`${dir === '/' ? '' : dir}/${base.slice(WHITEOUT.length)}`);
      return;
    }
    switch (e.type) {
      case 'device':
        this.result.devicesIgnored++;
        return;
      case 'other':
        return;
      case 'directory':
        this.record({ path, type: 'directory', mode: e.mode, size: 0, uid: e.uid, gid: e.gid });
        return;
      case 'symlink':
        this.addSymlink(path, e);
        return;
      case 'link':
        this.addHardlink(path, e);
        return;
      case 'file':
        this.result.fileCount++;
        this.record({ path, type: 'file', mode: e.mode, size: e.size, uid: e.uid, gid: e.gid });
        await this.analyze({ path, size: e.size, mode: e.mode }, read, readPart);
        return;
    }
  }

  private addSymlink(path: string, e: CollectorEntry): void {
    const target = e.linkname ?? '';
    const escapes = symlinkEscapes(path, target);
    if (escapes && this.escapes++ < 20)
      this.warn(`${this.input}: symlink ${path} -> ${target} leaves the root (not followed)`);
    this.record({
      path,
      type: 'symlink',
      mode: e.mode,
      size: 0,
      uid: e.uid,
      gid: e.gid,
      linkname: target,
      ...(escapes ? { escapes } : {}),
    });
  }

  private addHardlink(path: string, e: CollectorEntry): void {
    const target = normalizeMemberPath(e.linkname ?? '');
    if (target === null) {
      throw new ImageInputError(
        `${this.input}: hard link "${e.name}" points outside the archive root ("${e.linkname ?? ''}")`,
      );
    }
    this.record({ path, type: 'link', mode: e.mode, size: e.size, uid: e.uid, gid: e.gid, linkname: target });
    // The link has no data of its own: it shares the analysis of the file it names, if that is in this layer.
    const res = this.result.files[target];
    if (res !== undefined) this.result.files[path] = relocate(res, target, path);
  }

  private record(entry: FileEntry): void {
    const b = this.budget;
    if (b.fileRecords >= b.limits.maxFileRecords) {
      if (!this.result.entriesTruncated)
        this.warn(`${this.input}: file list capped at ${b.limits.maxFileRecords} records`);
      this.result.entriesTruncated = true;
      return;
    }
    b.fileRecords++;
    this.result.entries.push(entry);
  }

  private async analyze(
    meta: FileMeta,
    read: (max: number) => Promise<Buffer>,
    readPart?: (offset: number, length: number) => Buffer,
  ): Promise<void> {
    const wanted = this.analyzers.filter((a) => a.required(meta));
    if (wanted.length === 0) return;
    const ceiling = this.budget.limits.maxFileBytes;
    const fits = wanted.filter((a) => {
      const max = Math.min(a.maxBytes ?? ceiling, ceiling);
      if (meta.size <= max) return true;
      this.warn(
        `${this.input}: ${meta.path} is ${meta.size} bytes, over ${a.type}'s limit of ${max}; not analysed`,
      );
      return false;
    });
    const out: Record<string, AnalysisResult> = {};
    // A file read by an inventory analyzer is recorded even without results: it overrides what a lower
    // layer's version of it reported.
    if (wanted.some((a) => !a.keepsOwnFindings)) this.result.files[meta.path] = out;
    if (fits.length === 0) return;
    // Only analyzers that read parts of the file (executables' section tables): the rest is never read.
    if (readPart && fits.every((a) => a.analyzeParts)) {
      for (const a of fits) {
        try {
          const r = (a.analyzeParts as NonNullable<Analyzer['analyzeParts']>)(meta, readPart);
          if (!a.keepsOwnFindings) out[a.type] = r;
        } catch (err) {
          this.warn(
            `${this.input}: analyzer ${a.type} failed on ${meta.path}: ${err instanceof Error ? err.message : String(err)}`,
          );
        }
      }
      return;
    }
    const content = await read(meta.size);
    if (this.strictSize && content.length !== meta.size) {
      throw new ImageInputError(
        `${this.input}: ${meta.path} is truncated (${content.length} of ${meta.size} bytes)`,
      );
    }
    for (const a of fits) {
      try {
        const r = await a.analyze({ ...meta, content });
        if (!a.keepsOwnFindings) out[a.type] = r;
      } catch (err) {
        this.warn(
          `${this.input}: analyzer ${a.type} failed on ${meta.path}: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
  }
}

/** Results copied to a hard link's own path, so foundIn names the path that survives. */
function relocate(
  res: Record<string, AnalysisResult>,
  from: string,
  to: string,
): Record<string, AnalysisResult> {
  const out: Record<string, AnalysisResult> = {};
  for (const [type, r] of Object.entries(res)) {
    out[type] = {
      ...r,
      ...(r.packages
        ? { packages: r.packages.map((p) => (p.foundIn === from ? { ...p, foundIn: to } : p)) }
        : {}),
    };
  }
  return out;
}
