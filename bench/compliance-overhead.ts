// What image compliance adds to an inventory scan of the same image (goal: at most +20%).
// `node --import tsx bench/compliance-overhead.ts [docker-save.tar] [--runs N]`; default: the
// moat-test/debian-vuln tarball from the test-image cache. Each phase runs in its own process, so
// its peak RSS is its own; phases alternate and the median of N runs is reported, for wall time and
// for CPU time (user+system of the phase's process, which a shared machine disturbs less).
//   inventory  = scanImage with every inventory analyzer, no layer cache (a cold scan's work)
//   compliance = scanForCompliance with every inventory analyzer plus the compliance collector
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { scanForCompliance } from '../agent/compliance/evaluate';
import { openDockerArchive } from '../agent/scan/image/docker-archive';
import { analyzers } from '../agent/scan/inventory/registry';
import { scanImage } from '../agent/scan/scan-image';

interface Phase {
  ms: number;
  /** User+system CPU of the process (main thread and workers): steadier than wall time on a shared machine. */
  cpuMs: number;
  maxRssMb: number;
  packages: number;
  findings?: number;
}

async function measure(phase: string, archive: string): Promise<Phase> {
  const source = await openDockerArchive(archive);
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  let packages = 0;
  let findings: number | undefined;
  if (phase === 'inventory') {
    packages = (await scanImage(source, { analyzers })).packages.length;
  } else {
    const { inventory, facts } = await scanForCompliance(source, { analyzers });
    packages = inventory.packages.length;
    findings =
      facts.privateKeys.length +
      facts.malware.length +
      facts.miners.length +
      facts.credentials.length +
      facts.setuid.length +
      facts.binaries.size +
      facts.dpkgMd5sums.size;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(c0);
  return {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    packages,
    ...(findings !== undefined ? { findings } : {}),
  };
}

function child(phase: string, archive: string): Phase {
  const out = execFileSync(process.execPath, ['--import', 'tsx', __filename, '--phase', phase, archive], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '') as Phase;
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function defaultArchive(): Promise<string> {
  const { ensureTestImages } = await import('../test/setup/test-images');
  return ensureTestImages().debianVuln.archive;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    strict: true,
    options: { phase: { type: 'string' }, runs: { type: 'string', default: '3' } },
  });
  const archive = positionals[0] ?? (await defaultArchive());
  if (values.phase) {
    if (values.phase !== 'inventory' && values.phase !== 'compliance')
      throw new Error(`--phase must be inventory or compliance, got "${values.phase}"`);
    process.stdout.write(`${JSON.stringify(await measure(values.phase, archive))}\n`);
    return;
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a positive integer, got "${values.runs}"`);
  child('inventory', archive); // warm the page cache: the first read of the archive is not charged
  const inv: Phase[] = [];
  const comp: Phase[] = [];
  for (let i = 0; i < runs; i++) {
    inv.push(child('inventory', archive));
    comp.push(child('compliance', archive));
  }
  const ms = (ps: readonly Phase[]): number => median(ps.map((p) => p.ms));
  const cpu = (ps: readonly Phase[]): number => median(ps.map((p) => p.cpuMs));
  const a = inv[inv.length - 1];
  const b = comp[comp.length - 1];
  const ratio = ms(comp) / ms(inv);
  const cpuRatio = cpu(comp) / cpu(inv);
  const pct = (r: number): string => `${r >= 1 ? '+' : ''}${((r - 1) * 100).toFixed(1)}%`;
  process.stdout.write(
    [
      `image: ${archive} (median of ${runs})`,
      `inventory only        ${(ms(inv) / 1000).toFixed(2)}s wall  ${(cpu(inv) / 1000).toFixed(2)}s CPU  peak RSS ${a.maxRssMb.toFixed(0)} MB  ${a.packages} packages`,
      `inventory+compliance  ${(ms(comp) / 1000).toFixed(2)}s wall  ${(cpu(comp) / 1000).toFixed(2)}s CPU  peak RSS ${b.maxRssMb.toFixed(0)} MB  ${b.packages} packages, ${b.findings ?? 0} facts`,
      `ratio (wall)          ${ratio.toFixed(3)}x  (${pct(ratio)}; goal: at most +20%)`,
      `ratio (CPU)           ${cpuRatio.toFixed(3)}x  (${pct(cpuRatio)})`,
      `all runs wall (s): inventory ${inv.map((p) => (p.ms / 1000).toFixed(2)).join(' ')}; compliance ${comp.map((p) => (p.ms / 1000).toFixed(2)).join(' ')}`,
      `all runs CPU (s):  inventory ${inv.map((p) => (p.cpuMs / 1000).toFixed(2)).join(' ')}; compliance ${comp.map((p) => (p.cpuMs / 1000).toFixed(2)).join(' ')}`,
    ].join('\n') + '\n',
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`compliance-overhead: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
