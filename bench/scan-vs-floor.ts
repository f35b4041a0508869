// Scan cost against the floor (decompress + tar-parse the same layers): cold scan / floor, warm
// re-scan (every layer cached) / floor, and peak RSS of each, measured in one run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PhaseResult {
  ms: number;
  maxRssMb: number;
  layers: number;
  entries?: number;
  packages?: number;
}

export interface BenchRow {
  image: string;
  archiveMb: number;
  floor: PhaseResult;
  cold: PhaseResult;
  warm: PhaseResult;
  /** cold/floor and warm/floor of each round, in order; the table shows their medians. */
  coldRatios: number[];
  warmRatios: number[];
}

function phase(args: string[]): PhaseResult {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'measure.ts'), ...args],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1024 * 1024,
    },
  );
  return JSON.parse(out.trim().split('\n').pop() ?? '') as PhaseResult;
}

/**
 * Measures one archive: `repeat` rounds of floor, a cold scan into a fresh cache, then a warm re-scan of
 * it, interleaved so a busy moment hits all three alike. Times are the median of each phase, ratios the
 * median of the rounds' ratios.
 */
export function scanVsFloor(image: string, archive: string, repeat = 3): BenchRow {
  // Warm the page cache first so the floor is not charged for the first disk read.
  phase(['floor', archive]);
  const rounds: { floor: PhaseResult; cold: PhaseResult; warm: PhaseResult }[] = [];
  for (let i = 0; i < repeat; i++) {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-bench-cache-'));
    try {
      const floor = phase(['floor', archive]);
      const cold = phase(['scan', archive, cacheDir]);
      const warm = phase(['scan', archive, cacheDir]);
      rounds.push({ floor, cold, warm });
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  }
  const median = (k: 'floor' | 'cold' | 'warm'): PhaseResult =>
    rounds.map((r) => r[k]).sort((a, b) => a.ms - b.ms)[Math.floor(rounds.length / 2)];
  return {
    image,
    archiveMb: fs.statSync(archive).size / 1024 ** 2,
    floor: median('floor'),
    cold: median('cold'),
    warm: median('warm'),
    coldRatios: rounds.map((r) => r.cold.ms / r.floor.ms),
    warmRatios: rounds.map((r) => r.warm.ms / r.floor.ms),
  };
}

export function formatRows(rows: readonly BenchRow[]): string {
  const head =
    'image                         archive   floor     cold  cold/floor  warm  warm/floor  RSS floor/cold/warm (MB)  packages';
  const lines = rows.map((r) =>
    [
      r.image.padEnd(28),
      `${r.archiveMb.toFixed(0)} MB`.padStart(8),
      `${(r.floor.ms / 1000).toFixed(2)}s`.padStart(7),
      `${(r.cold.ms / 1000).toFixed(2)}s`.padStart(8),
      `${medianOf(r.coldRatios).toFixed(2)}x`.padStart(10),
      `${(r.warm.ms / 1000).toFixed(2)}s`.padStart(6),
      `${medianOf(r.warmRatios).toFixed(3)}x`.padStart(10),
      `${r.floor.maxRssMb.toFixed(0)}/${r.cold.maxRssMb.toFixed(0)}/${r.warm.maxRssMb.toFixed(0)}`.padStart(
        24,
      ),
      String(r.cold.packages ?? '').padStart(9),
    ].join('  '),
  );
  const rounds = rows.map(
    (r) => `${r.image}: cold/floor per round ${r.coldRatios.map((x) => `${x.toFixed(2)}x`).join(', ')}`,
  );
  return [head, ...lines, ...rounds].join('\n');
}

function medianOf(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}
