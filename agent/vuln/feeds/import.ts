// importFeeds: builds a new intel.db next to the target and swaps it in with an atomic rename, so readers
// see the old file or the new one, never a half-written one, and a failed import changes nothing.
//
// Mode 'merge' (default) starts from a copy of the current file and replaces only the sources being
// imported; 'rebuild' starts empty, so the result holds exactly the given inputs.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { copyFile, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { INTEL_SCHEMA, INTEL_SCHEMA_VERSION } from '../intel-schema';
import { IntelWriter, type FeedResult } from './intel-writer';
import { readHead } from './read-input';
import { detectImporter, importerByName } from './registry';
import type { FeedImporter } from './types';

export interface FeedInput {
  /** A file or a directory of feed files. */
  path: string;
  /** Where the data came from when not the path itself (a URL, a bundle name); names the feed row. */
  source?: string;
  /** Importer name to use instead of detection. */
  format?: string;
}

export interface ImportProgress {
  source: string;
  file: string;
  feed: string;
  bytesRead: number;
  records: number;
  invalid: number;
}

export interface ImportOptions {
  mode?: 'merge' | 'rebuild';
  onProgress?: (p: ImportProgress) => void;
  /** Import time written to every feed row (tests pin it). */
  now?: Date;
}

export interface ImportSummary {
  path: string;
  feeds: FeedResult[];
  /** Files inside input directories that no importer recognised. */
  skipped: string[];
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(full)));
    else if (e.isFile()) out.push(full);
  }
  return out;
}

interface PlannedFile {
  file: string;
  importer: FeedImporter;
}

/** Resolves an input into files with their importer, before anything is written. */
async function plan(input: FeedInput, skipped: string[]): Promise<PlannedFile[]> {
  const forced = input.format ? importerByName(input.format) : undefined;
  if (input.format && !forced) throw new Error(`${input.path}: unknown feed format "${input.format}"`);
  let info;
  try {
    info = await stat(input.path);
  } catch (err) {
    throw new Error(
      `${input.path}: cannot read feed input (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
    );
  }
  const isDir = info.isDirectory();
  const files = isDir ? await listFiles(input.path) : [input.path];
  const out: PlannedFile[] = [];
  for (const file of files) {
    const importer = forced ?? detectImporter(path.basename(file), await readHead(file));
    if (importer) out.push({ file, importer });
    else if (isDir) skipped.push(file);
    else
      throw new Error(
        `${file}: not a recognised feed (OSV, Alpine secdb, Debian tracker, NVD CVE 2.0 or custom JSON)`,
      );
  }
  return out;
}

async function fsyncPath(p: string, flags: string): Promise<void> {
  const fh = await open(p, flags);
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export async function importFeeds(
  targetPath: string,
  inputs: FeedInput[],
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const mode = opts.mode ?? 'merge';
  const skipped: string[] = [];
  const plans: Array<{ source: string; files: PlannedFile[] }> = [];
  for (const input of inputs) {
    plans.push({ source: input.source ?? path.resolve(input.path), files: await plan(input, skipped) });
  }

  const tmp = path.join(
    path.dirname(targetPath),
    `.${path.basename(targetPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const existing = await stat(targetPath).then(
    () => true,
    () => false,
  );
  let db: Database.Database | undefined;
  try {
    if (mode === 'merge' && existing) await copyFile(targetPath, tmp);
    db = new Database(tmp);
    // The temporary file is thrown away on failure, so the journal buys nothing while building.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('foreign_keys = ON');
    const version = mode === 'merge' && existing ? Number(db.pragma('user_version', { simple: true })) : 0;
    if (version !== 0 && version !== INTEL_SCHEMA_VERSION) {
      throw new Error(
        `${targetPath}: intel.db schema version ${version} is not ${INTEL_SCHEMA_VERSION}; import with mode "rebuild"`,
      );
    }
    db.exec('BEGIN');
    if (version === 0) {
      db.exec(INTEL_SCHEMA);
      db.pragma(`user_version = ${INTEL_SCHEMA_VERSION}`);
    }
    const writer = new IntelWriter(db, (opts.now ?? new Date()).toISOString());
    const results: FeedResult[] = [];
    for (const { source, files } of plans) {
      const byImporter = new Map<FeedImporter, string[]>();
      for (const f of files) byImporter.set(f.importer, [...(byImporter.get(f.importer) ?? []), f.file]);
      for (const [importer, list] of byImporter) {
        let current = '';
        const sink = writer.openFeed(importer.name, source, (bytesRead, r) =>
          opts.onProgress?.({
            source,
            file: current,
            feed: importer.name,
            bytesRead,
            records: r.records,
            invalid: r.invalid,
          }),
        );
        for (const file of list) {
          current = file;
          await importer.run(file, sink);
          sink.progress((await stat(file)).size);
        }
        results.push(sink.close());
      }
    }
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('updated_at', ?)").run(
      (opts.now ?? new Date()).toISOString(),
    );
    db.exec('COMMIT');
    db.pragma('journal_mode = DELETE');
    db.close();
    db = undefined;
    await fsyncPath(tmp, 'r+');
    await rename(tmp, targetPath);
    // Make the rename itself durable.
    await fsyncPath(path.dirname(targetPath), 'r').catch(() => undefined);
    return { path: targetPath, feeds: results, skipped };
  } catch (err) {
    db?.close();
    await rm(tmp, { force: true });
    throw err;
  }
}
