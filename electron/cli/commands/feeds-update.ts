// `moat feeds update`: fetch the published feed files (or a mirror's copy), import them in one staged
// import, and keep the fetched files under <dataDir>/feeds so `moat feeds bundle` can pack them later.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  FEED_KINDS,
  fetchPlannedFiles,
  isHttpUrl,
  planFeedFiles,
  type FeedKind,
} from '../../../agent/vuln/feeds/mirror';
import { dataDir } from '../../paths';
import type { CliIo } from '../command';
import { UsageError } from '../command';
import { describeSummary, stagedImport } from './feeds-import';
import { feedPaths, readCacheIndex, writeCacheIndex } from './feeds-paths';

function list(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function feedKinds(value: string | undefined): FeedKind[] | undefined {
  const names = list(value);
  if (!names) return undefined;
  for (const n of names) {
    if (!(FEED_KINDS as string[]).includes(n))
      throw new UsageError(`--feeds: unknown feed "${n}"; known feeds: ${FEED_KINDS.join(', ')}`);
  }
  return names as FeedKind[];
}

export async function runUpdate(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      mirror: { type: 'string' },
      feeds: { type: 'string' },
      'alpine-branches': { type: 'string' },
      'osv-ecosystems': { type: 'string' },
      // Published feeds carry the odd typo (secdb "4.8.0.-r1"); by default those records are skipped and
      // counted, --strict refuses the update instead.
      strict: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const mirror = values.mirror;
  if (mirror !== undefined && !isHttpUrl(mirror) && !fs.existsSync(mirror))
    throw new UsageError(`--mirror must be an http(s) URL or an existing directory, got "${mirror}"`);
  const params: Record<string, string[]> = {};
  const branches = list(values['alpine-branches']);
  if (branches) params.branch = branches;
  const ecosystems = list(values['osv-ecosystems']);
  if (ecosystems) params.ecosystem = ecosystems;
  let files;
  try {
    files = planFeedFiles({ mirror, feeds: feedKinds(values.feeds), params });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }

  const paths = feedPaths(dataDir());
  fs.mkdirSync(paths.dataDir, { recursive: true });
  const download = fs.mkdtempSync(path.join(paths.dataDir, '.feeds-update-'));
  const tty = io.stderr.isTTY === true;
  try {
    const { fetched: inputs, missing } = await fetchPlannedFiles(files, download, (f) =>
      tty
        ? (b: number): void =>
            void io.stderr.write(`\r\u001b[K${f.relPath} ${(b / 1024 / 1024).toFixed(1)} MB`)
        : undefined,
    );
    if (tty) io.stderr.write('\r\u001b[K');
    for (const m of missing) io.stderr.write(`not published, skipped: ${m}\n`);
    if (inputs.length === 0)
      throw new Error(
        `${mirror ?? 'official feed publishers'}: none of the ${files.length} feed files could be found`,
      );
    const summary = await stagedImport(paths, inputs, io, { allowInvalid: !values.strict });
    // Keep what was imported, so the feed rows' URL sources can be bundled from this machine.
    const index = readCacheIndex(paths);
    for (const i of inputs) {
      const keep = path.join(paths.feedCache, ...i.relPath.split('/'));
      fs.mkdirSync(path.dirname(keep), { recursive: true });
      fs.renameSync(i.path, keep);
      if (i.source) index[i.source] = keep;
    }
    writeCacheIndex(paths, index);
    io.stdout.write(describeSummary(summary));
    return 0;
  } finally {
    fs.rmSync(download, { recursive: true, force: true });
  }
}
