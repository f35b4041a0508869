// `moat feeds import|list|update|bundle`: manage the vulnerability intelligence in <dataDir>/intel.db.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { openIntelDb, type FeedRow } from '../../../agent/vuln/intel-db';
import { dataDir } from '../../paths';
import type { CliIo, Command } from '../command';
import { UsageError } from '../command';
import { runBundle } from './feeds-bundle';
import { describeSummary, stagedImport } from './feeds-import';
import { feedPaths } from './feeds-paths';
import { runUpdate } from './feeds-update';

const DAY_MS = 86_400_000;

async function runImport(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      'trust-key': { type: 'string', multiple: true },
      'allow-invalid': { type: 'boolean', default: false },
      rebuild: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0)
    throw new UsageError('expected at least one feed file, directory, zip or bundle');
  const summary = await stagedImport(feedPaths(dataDir()), positionals, io, {
    allowInvalid: values['allow-invalid'],
    trustKeys: values['trust-key'] ?? [],
    mode: values.rebuild ? 'rebuild' : 'merge',
  });
  io.stdout.write(describeSummary(summary));
  return 0;
}

export interface FeedListRow {
  feed: string;
  source: string;
  importedAt: string;
  ageDays: number;
  records: number;
  invalid: number;
  newestModified: string | null;
}

export function feedListRows(feeds: FeedRow[], now = Date.now()): FeedListRow[] {
  return feeds.map((f) => ({
    feed: f.name,
    source: f.source,
    importedAt: f.importedAt,
    ageDays: Math.floor((now - Date.parse(f.importedAt)) / DAY_MS),
    records: f.recordCount,
    invalid: f.invalidCount,
    newestModified: f.newestModified ?? null,
  }));
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]): string =>
    r
      .map((c, i) => (i >= 3 && i <= 5 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

async function runList(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false } },
    strict: true,
  });
  const paths = feedPaths(dataDir());
  let rows: FeedListRow[] = [];
  if (fs.existsSync(paths.intelDb)) {
    const db = openIntelDb(paths.intelDb);
    try {
      rows = feedListRows(db.feeds());
    } finally {
      db.close();
    }
  }
  if (values.json) {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    io.stdout.write(
      `no feeds imported yet (${paths.intelDb}); run "moat feeds update" or "moat feeds import"\n`,
    );
    return 0;
  }
  io.stdout.write(
    table(
      ['FEED', 'SOURCE', 'IMPORTED AT', 'AGE (DAYS)', 'RECORDS', 'INVALID', 'NEWEST MODIFIED'],
      rows.map((r) => [
        r.feed,
        r.source,
        r.importedAt,
        String(r.ageDays),
        String(r.records),
        String(r.invalid),
        r.newestModified ?? '-',
      ]),
    ),
  );
  return 0;
}

const SUBCOMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  import: runImport,
  list: runList,
  update: runUpdate,
  bundle: runBundle,
};

export const feedsCommand: Command = {
  name: 'feeds',
  summary: 'import, list, update and bundle vulnerability feeds (intel.db)',
  usage: [
    'moat feeds import <file|dir|zip|bundle.moat>… [--trust-key FILE]… [--allow-invalid] [--rebuild]',
    '       moat feeds list [--json]',
    '       moat feeds update [--mirror URL|DIR] [--feeds alpine-secdb,debian-tracker,osv]',
    '                         [--alpine-branches v3.19,v3.20] [--osv-ecosystems npm,PyPI] [--strict]',
    '       moat feeds bundle --out feeds.moat [--key FILE] [file…]',
  ].join('\n'),
  run: async (args: string[], io: CliIo): Promise<number> => {
    const [sub, ...rest] = args;
    const handler = sub ? SUBCOMMANDS[sub] : undefined;
    if (!handler)
      throw new UsageError(
        sub ? `unknown feeds command "${sub}"` : 'expected a feeds command: import, list, update or bundle',
      );
    return handler(rest, io);
  },
};
