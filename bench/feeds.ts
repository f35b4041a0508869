// `node --import tsx bench/feeds.ts [--records N] [--packages N] [--zip-mb N]`: matching 5,000 packages
// against an intel.db of 300,000 affected lines, and importing a ~100 MB OSV all.zip. Each measured phase
// runs in its own process so its peak RSS is its own; "baseline" is that process with the modules loaded
// and nothing done, so the phases' own cost is the difference.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importFeeds, openIntelDb } from '../agent/vuln/intel-db';
import { matchPackages } from '../agent/vuln/matcher';
import { generateOsvZip } from './import-osv-zip';
import { BENCH_OS, generateIntelDb, generatePackages } from './match-intel';

interface Phase {
  ms: number;
  maxRssMb: number;
  [k: string]: number;
}

async function runPhase(args: string[]): Promise<Record<string, number>> {
  const [name, file, n, records] = args;
  if (name === 'baseline') return {};
  if (name === 'match') {
    const packages = generatePackages(Number(n), Number(records));
    const t0 = process.hrtime.bigint();
    const db = openIntelDb(file);
    const r = matchPackages(db, BENCH_OS, packages);
    db.close();
    return {
      matchMs: Number(process.hrtime.bigint() - t0) / 1e6,
      findings: r.findings.length,
      warnings: r.warnings.length,
    };
  }
  if (name === 'import') {
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'moat-bench-import-')), 'intel.db');
    try {
      const s = await importFeeds(target, [{ path: file }], { mode: 'rebuild' });
      return {
        records: s.feeds.reduce((k, f) => k + f.records, 0),
        invalid: s.feeds.reduce((k, f) => k + f.invalid, 0),
        dbMb: fs.statSync(target).size / 1024 ** 2,
      };
    } finally {
      fs.rmSync(path.dirname(target), { recursive: true, force: true });
    }
  }
  throw new Error(`unknown phase "${name}"`);
}

function phase(args: string[]): Phase {
  const out = execFileSync(process.execPath, ['--import', 'tsx', __filename, '--phase', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '') as Phase;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      phase: { type: 'boolean', default: false },
      records: { type: 'string', default: '300000' },
      packages: { type: 'string', default: '5000' },
      'zip-mb': { type: 'string', default: '100' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.phase) {
    const t0 = process.hrtime.bigint();
    const counts = await runPhase(positionals);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    process.stdout.write(
      `${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, ...counts })}\n`,
    );
    return;
  }
  const log = (s: string): void => void process.stderr.write(`${s}\n`);
  const records = Number(values.records);
  const packages = Number(values.packages);
  const zipMb = Number(values['zip-mb']);
  const dir = path.join(os.tmpdir(), 'moat-bench-feeds');
  fs.mkdirSync(dir, { recursive: true });
  const db = path.join(dir, `intel-${records}.db`);
  if (!fs.existsSync(db)) {
    log(`generating intel.db with ${records} affected lines…`);
    generateIntelDb(`${db}.tmp`, records);
    fs.renameSync(`${db}.tmp`, db);
  }
  const zip = path.join(dir, `osv-${zipMb}mb.zip`);
  if (!fs.existsSync(zip)) {
    log(`generating a ${zipMb} MB OSV all.zip…`);
    await generateOsvZip(`${zip}.tmp`, zipMb * 1024 ** 2);
    fs.renameSync(`${zip}.tmp`, zip);
  }
  log('measuring…');
  const base = phase(['baseline']);
  const match = phase(['match', db, String(packages), String(records)]);
  const imp = phase(['import', zip]);
  const zipSize = fs.statSync(zip).size / 1024 ** 2;
  const lines = [
    `baseline process (modules loaded, nothing done): peak RSS ${base.maxRssMb.toFixed(0)} MB`,
    `match: ${packages} packages vs intel.db of ${records} affected lines (${(fs.statSync(db).size / 1024 ** 2).toFixed(0)} MB): ` +
      `${(match.matchMs / 1000).toFixed(2)} s (${((match.matchMs * 1000) / packages).toFixed(0)} µs/package), ` +
      `${match.findings} findings, peak RSS ${match.maxRssMb.toFixed(0)} MB`,
    `import: OSV all.zip ${zipSize.toFixed(0)} MB, ${imp.records} records (${imp.invalid} invalid) -> intel.db ${imp.dbMb.toFixed(0)} MB: ` +
      `${(imp.ms / 1000).toFixed(1)} s (${(zipSize / (imp.ms / 1000)).toFixed(1)} MB/s, ${((imp.records / imp.ms) * 1000).toFixed(0)} records/s), ` +
      `peak RSS ${imp.maxRssMb.toFixed(0)} MB`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench/feeds: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
