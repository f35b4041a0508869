// The import step every `moat feeds` command shares: verify bundles, build the new intel.db beside the
// current one, refuse it when any record was unusable, and only then swap it in. Until the final rename
// the previous intel.db stays in use, whatever fails.
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar-stream';
import { verifyBundle } from '../../../agent/vuln/bundle';
import {
  importFeeds,
  type FeedInput,
  type ImportProgress,
  type ImportSummary,
} from '../../../agent/vuln/intel-db';
import type { CliIo } from '../command';
import { loadTrustedKeys, type FeedPaths } from './feeds-paths';
import { checkRanges, type RangeProblem } from './feeds-validate';

export interface StagedImportOptions {
  /** Keep a feed's usable records even when some of its records are invalid. */
  allowInvalid?: boolean;
  trustKeys?: readonly string[];
  mode?: 'merge' | 'rebuild';
}

const SHOWN_PROBLEMS = 10;

/** A tar whose first entry is manifest.json, or a .moat file. */
export function isBundle(file: string): boolean {
  if (file.endsWith('.moat')) return true;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(512);
      const n = fs.readSync(fd, head, 0, 512, 0);
      return n === 512 && head.subarray(0, 14).equals(Buffer.from('manifest.json\0'));
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** Progress on stderr only for a terminal, at most ten updates a second. */
export function progressReporter(io: CliIo): { onProgress?: (p: ImportProgress) => void; done(): void } {
  if (io.stderr.isTTY !== true) return { done: () => undefined };
  let last = 0;
  let shown = false;
  return {
    onProgress: (p: ImportProgress): void => {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      const mb = (p.bytesRead / 1024 / 1024).toFixed(1);
      io.stderr.write(
        `\r\u001b[K${p.feed} ${path.basename(p.file)} ${mb} MB, ${p.records} records, ${p.invalid} invalid`,
      );
    },
    done: (): void => {
      if (shown) io.stderr.write('\r\u001b[K');
    },
  };
}

/**
 * Reads the whole tar once so a truncated or damaged bundle fails here with a named error: verifyBundle's
 * reader can reject while nobody awaits it, which would end the process instead of reporting.
 */
async function checkTarReadable(bundle: string): Promise<void> {
  const extract = tar.extract();
  const drain = (async (): Promise<void> => {
    for await (const entry of extract) entry.resume();
  })();
  try {
    await Promise.all([pipeline(fs.createReadStream(bundle), extract), drain]);
  } catch (e) {
    throw new Error(`${bundle}: not a readable bundle (${(e as Error).message})`);
  }
}

/** Verifies one bundle into work/, returning one input per original source (so feed rows keep their names). */
async function bundleInputs(bundle: string, work: string, trusted: string[]): Promise<FeedInput[]> {
  if (trusted.length === 0)
    throw new Error(
      `${bundle}: no trusted bundle keys; put the signer's public key in the trusted keys directory or pass --trust-key FILE`,
    );
  await checkTarReadable(bundle);
  const into = fs.mkdtempSync(path.join(work, 'bundle-'));
  const { manifest, extracted } = await verifyBundle(bundle, trusted, { extractTo: into });
  const groups = new Map<string, string[]>();
  manifest.files.forEach((f, i) => {
    const file = extracted[i];
    if (file) groups.set(f.source, [...(groups.get(f.source) ?? []), file]);
  });
  const inputs: FeedInput[] = [];
  let k = 0;
  for (const [source, files] of groups) {
    if (files.length === 1) {
      inputs.push({ path: files[0], source });
      continue;
    }
    const dir = path.join(into, `source-${k++}`);
    fs.mkdirSync(dir);
    for (const f of files) fs.renameSync(f, path.join(dir, path.basename(f)));
    inputs.push({ path: dir, source });
  }
  return inputs;
}

function problemsError(summary: ImportSummary, ranges: RangeProblem[]): Error | undefined {
  const lines: string[] = [];
  for (const f of summary.feeds) {
    const badRanges = ranges.filter((r) => r.feed === f.name && r.source === f.source);
    const count = f.invalid + badRanges.length;
    if (count === 0) continue;
    const shown = [...f.problems, ...badRanges.map((r) => `${r.source}: ${r.where}`)];
    lines.push(
      `${f.source}: ${count} invalid ${f.name} record(s):`,
      ...shown.slice(0, SHOWN_PROBLEMS).map((p) => `  ${p}`),
      ...(count > SHOWN_PROBLEMS ? [`  … and ${count - SHOWN_PROBLEMS} more`] : []),
    );
  }
  if (lines.length === 0) return undefined;
  return new Error(
    `import refused, intel.db left unchanged (pass --allow-invalid to keep the usable records):\n${lines.join('\n')}`,
  );
}

/**
 * Imports files, directories, zips and bundles into <dataDir>/intel.db. Inputs are plain paths, or FeedInputs
 * when the caller names the source (feeds update names the URL). Throws an error naming the input on failure.
 */
export async function stagedImport(
  paths: FeedPaths,
  inputs: ReadonlyArray<string | FeedInput>,
  io: CliIo,
  opts: StagedImportOptions = {},
): Promise<ImportSummary> {
  fs.mkdirSync(paths.dataDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(paths.dataDir, '.feeds-import-'));
  const staging = path.join(work, 'intel.db');
  const progress = progressReporter(io);
  try {
    const feedInputs: FeedInput[] = [];
    let trusted: string[] | undefined;
    for (const input of inputs) {
      const i = typeof input === 'string' ? { path: input } : input;
      if (!fs.existsSync(i.path)) throw new Error(`${i.path}: no such file or directory`);
      if (fs.statSync(i.path).isFile() && isBundle(i.path)) {
        trusted ??= loadTrustedKeys(paths, opts.trustKeys ?? []);
        feedInputs.push(...(await bundleInputs(i.path, work, trusted)));
      } else {
        feedInputs.push({ ...i, path: path.resolve(i.path) });
      }
    }
    const mode = opts.mode ?? 'merge';
    if (mode === 'merge' && fs.existsSync(paths.intelDb)) fs.copyFileSync(paths.intelDb, staging);
    const summary = await importFeeds(staging, feedInputs, { mode, onProgress: progress.onProgress });
    progress.done();
    const ranges = checkRanges(staging, summary.feeds, opts.allowInvalid === true);
    const refused = opts.allowInvalid ? undefined : problemsError(summary, ranges);
    if (refused) throw refused;
    for (const r of ranges) {
      const f = summary.feeds.find((x) => x.name === r.feed && x.source === r.source);
      if (f) f.invalid++;
    }
    fs.renameSync(staging, paths.intelDb);
    return { ...summary, path: paths.intelDb };
  } catch (err) {
    progress.done();
    throw err;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export function describeSummary(summary: ImportSummary): string {
  const lines = summary.feeds.map(
    (f) =>
      `imported ${f.name} from ${f.source}: ${f.records} records${f.invalid ? `, ${f.invalid} invalid (skipped)` : ''}`,
  );
  for (const s of summary.skipped) lines.push(`skipped ${s}: not a recognised feed file`);
  lines.push(`intel.db: ${summary.path}`);
  return `${lines.join('\n')}\n`;
}
