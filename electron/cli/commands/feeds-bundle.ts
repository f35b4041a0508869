// `moat feeds bundle`: pack feed files into a signed bundle for an offline machine — the given files, or
// the files behind every feed row of intel.db (paths as imported, URLs through the update cache).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createBundle } from '../../../agent/vuln/bundle';
import { openIntelDb } from '../../../agent/vuln/intel-db';
import { dataDir } from '../../paths';
import type { CliIo } from '../command';
import { UsageError } from '../command';
import { feedPaths, readCacheIndex, signingKey, type FeedPaths } from './feeds-paths';

interface BundleItem {
  path: string;
  source: string;
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      return e.isDirectory() ? filesUnder(full) : e.isFile() ? [full] : [];
    });
}

/** Files for one source; a directory's files all keep the directory as their source (one feed row on import). */
function itemsFor(source: string, cache: Record<string, string>, feed: string): BundleItem[] {
  const local = fs.existsSync(source) ? source : cache[source];
  if (!local || !fs.existsSync(local))
    throw new Error(
      `${source}: the files of feed "${feed}" are not on this machine (not a path, not in the update cache); pass the files to bundle`,
    );
  if (fs.statSync(local).isDirectory()) return filesUnder(local).map((p) => ({ path: p, source }));
  return [{ path: local, source }];
}

function recordedItems(paths: FeedPaths): BundleItem[] {
  if (!fs.existsSync(paths.intelDb))
    throw new Error(
      `${paths.intelDb}: no intel.db yet, so no recorded feeds to bundle; pass the files to bundle`,
    );
  const db = openIntelDb(paths.intelDb);
  let feeds;
  try {
    feeds = db.feeds();
  } finally {
    db.close();
  }
  if (feeds.length === 0) throw new Error(`${paths.intelDb}: holds no feeds to bundle`);
  const cache = readCacheIndex(paths);
  const seen = new Set<string>();
  const items: BundleItem[] = [];
  for (const f of feeds) {
    if (seen.has(f.source)) continue;
    seen.add(f.source);
    items.push(...itemsFor(f.source, cache, f.name));
  }
  return items;
}

export async function runBundle(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { out: { type: 'string', short: 'o' }, key: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (!values.out) throw new UsageError('--out FILE is required');
  const paths = feedPaths(dataDir());
  const items =
    positionals.length > 0
      ? positionals.flatMap((p) => {
          if (!fs.existsSync(p)) throw new Error(`${p}: no such file or directory`);
          const abs = path.resolve(p);
          return fs.statSync(abs).isDirectory()
            ? filesUnder(abs).map((f) => ({ path: f, source: abs }))
            : [{ path: abs, source: abs }];
        })
      : recordedItems(paths);
  const key = signingKey(paths, values.key);
  const manifest = await createBundle(values.out, items, key.privateKeyPem);
  const bytes = manifest.files.reduce((n, f) => n + f.size, 0);
  io.stdout.write(
    `wrote ${values.out}: ${manifest.files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MB, signed by key ${key.keyId}\n` +
      `${key.created ? 'generated a new signing key; ' : ''}public key to trust on the importing machine: ${key.publicKeyPath}\n` +
      `(copy it into <data dir>/keys/trusted/ there, or pass it with "moat feeds import --trust-key FILE")\n`,
  );
  return 0;
}
