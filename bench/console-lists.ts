// `node --import tsx bench/console-lists.ts [--images N] [--findings-per-image N]`: seeds console.db with many scans,
// findings, models and audits, starts the built `moat serve` on it, and measures every list's API answer time and
// the time until its first page shows in headless Chromium. Goals: API < 100 ms, first page < 300 ms.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openConsoleDb } from '../electron/db/connection';
import { launchBrowser } from '../test/setup/browser';
import { seedConsoleDb, type SeedSpec } from './seed-console';
import { fakeDockerDaemon } from './fake-docker';

const API_GOAL_MS = 100;
const RENDER_GOAL_MS = 300;
const REPEAT = 15;

interface Row {
  what: string;
  medianMs: number;
  p95Ms: number;
  goalMs: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      images: { type: 'string', default: '10000' },
      'findings-per-image': { type: 'string', default: '100' },
    },
    strict: true,
  });
  const spec: SeedSpec = {
    images: Number(values.images),
    findingsPerImage: Number(values['findings-per-image']),
    ciScans: 1000,
    hostScans: 50,
    models: 2000,
    audits: 200_000,
  };
  const log = (s: string): void => void process.stderr.write(`${s}\n`);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-bench-lists-'));
  const sock = path.join(home, 'docker.sock');
  let stopServe: (() => void) | undefined;
  const daemon = await fakeDockerDaemon(sock, spec.images);
  try {
    log(`seeding ${spec.images} images, ${spec.images * spec.findingsPerImage} findings…`);
    const t0 = Date.now();
    const db = openConsoleDb(path.join(home, 'console.db'));
    const seeded = seedConsoleDb(db, spec);
    db.close();
    log(`seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const serve = await startServe(home, `unix://${sock}`);
    stopServe = serve.stop;
    const invoke = async (channel: string, params: unknown): Promise<unknown> => {
      const res = await fetch(`${serve.base}/api/invoke/${channel}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${serve.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(params),
      });
      const body = (await res.json()) as { result?: unknown; error?: { message: string } };
      if (body.error) throw new Error(`${channel}: ${body.error.message}`);
      return body.result;
    };
    // A deployed-images rule, so each listed image is also judged (its verdict), as on a real console.
    await invoke('vulnRules:set', {
      kind: 'deployed',
      rules: [{ name: 'Bench deployed rule', alertThreshold: 'low', failThreshold: 'high', onlyFixed: true }],
    });
    const page1 = { page: 1, pageSize: 25 };
    const calls: Array<[string, string, unknown]> = [
      ['images:list (deployed)', 'images:list', page1],
      ['images:list search', 'images:list', { ...page1, search: 'app-77' }],
      ['scans:list ci', 'scans:list', { ...page1, kind: 'ci' }],
      ['scans:list host', 'scans:list', { ...page1, kind: 'host' }],
      ['scans:get', 'scans:get', { id: seeded.sampleScanId }],
      ['scans:vulns', 'scans:vulns', { ...page1, id: seeded.sampleScanId }],
      ['scans:vulns search', 'scans:vulns', { ...page1, id: seeded.sampleScanId, search: 'CVE-2024-1' }],
      ['scans:packages', 'scans:packages', { ...page1, id: seeded.sampleScanId }],
      ['scans:compliance', 'scans:compliance', { id: seeded.sampleScanId }],
      ['scans:fixes', 'scans:fixes', { id: seeded.sampleScanId }],
      ['models:list', 'models:list', page1],
      ['audits:list', 'audits:list', page1],
      ['audits:list search', 'audits:list', { ...page1, search: 'proc-12' }],
    ];
    const rows: Row[] = [];
    for (const [what, channel, params] of calls) {
      await invoke(channel, params); // warm-up: first statement preparation
      const times: number[] = [];
      for (let i = 0; i < REPEAT; i++) {
        const t = performance.now();
        await invoke(channel, params);
        times.push(performance.now() - t);
      }
      rows.push({ what: `API ${what}`, ...stats(times), goalMs: API_GOAL_MS });
    }

    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(serve.loginUrl);
      await page.waitForSelector('[data-testid=count-images]');
      const screens: Array<[string, string, string]> = [
        ['Images (deployed)', 'monitor/vulnerabilities/images', '[data-testid=image-row] a'],
        ['CI', 'monitor/vulnerabilities/ci', '[data-testid=ci-row]'],
        ['Hosts', 'monitor/vulnerabilities/hosts', '[data-testid=host-row]'],
        [
          'Image detail › Vulnerabilities',
          `monitor/vulnerabilities/images/${seeded.sampleScanId}`,
          '[data-testid=vulns-table] tbody tr',
        ],
        ['Container models', 'monitor/runtime/models', '[data-testid=model-row]'],
        ['Container audits', 'monitor/events/audits', '[data-testid=audit-row]'],
      ];
      // MOAT_BENCH_TRACE=1 prints each API request of the last load of every screen, with its duration.
      const trace: string[] = [];
      if (process.env.MOAT_BENCH_TRACE) {
        page.on('requestfinished', (req) => {
          const t = req.timing();
          trace.push(`  ${req.url().replace(serve.base, '')} ${t.responseEnd.toFixed(0)} ms`);
        });
      }
      for (const [what, route, selector] of screens) {
        const times: number[] = [];
        for (let i = 0; i < 5; i++) {
          // A fresh load each time, so nothing cached in the page's store can show early.
          await page.goto('about:blank');
          const t = Date.now();
          await page.goto(`${serve.base}/#/${route}`);
          await page.waitForSelector(selector, { timeout: 30_000 });
          times.push(Date.now() - t);
        }
        if (trace.length > 0) log(`${what}:\n${trace.splice(0).join('\n')}`);
        rows.push({ what: `first page: ${what}`, ...stats(times), goalMs: RENDER_GOAL_MS });
      }
    } finally {
      await browser.close();
    }
    process.stdout.write(`${formatRows(rows)}\n`);
    process.stdout.write(
      `seeded: ${spec.images} deployed images (${spec.images * spec.findingsPerImage} findings), ${spec.ciScans} CI scans, ` +
        `${spec.hostScans} host scans, ${spec.models} models, ${spec.audits} audits; API times over ${REPEAT} calls, ` +
        'screen times from a fresh page load to the first row shown, 5 loads each.\n',
    );
    if (rows.some((r) => r.medianMs > r.goalMs)) process.exitCode = 1;
  } finally {
    stopServe?.();
    await daemon.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

function stats(times: number[]): { medianMs: number; p95Ms: number } {
  const s = [...times].sort((a, b) => a - b);
  return {
    medianMs: s[Math.floor(s.length / 2)],
    p95Ms: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)],
  };
}

function formatRows(rows: Row[]): string {
  const w = Math.max(...rows.map((r) => r.what.length));
  return rows
    .map(
      (r) =>
        `${r.what.padEnd(w)}  median ${r.medianMs.toFixed(1).padStart(7)} ms  p95 ${r.p95Ms.toFixed(1).padStart(7)} ms  ` +
        `goal < ${r.goalMs} ms  ${r.medianMs <= r.goalMs ? 'ok' : 'MISSED'}`,
    )
    .join('\n');
}

async function startServe(
  home: string,
  dockerHost: string,
): Promise<{ base: string; token: string; loginUrl: string; stop(): void }> {
  const bin = path.resolve(__dirname, '../bin/moat');
  // MOAT_BENCH_PROFILE=<dir> writes a CPU profile of the console there when it exits.
  const profile = process.env.MOAT_BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.MOAT_BENCH_PROFILE}`]
    : [];
  const child = spawn(process.execPath, [...profile, bin, 'serve', '--port', '0'], {
    env: { ...process.env, MOAT_HOME: home, DOCKER_HOST: dockerHost, MOAT_RUNTIME: 'off' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const loginUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/\S+\?token=\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`moat serve exited with ${code}`)));
  });
  const u = new URL(loginUrl);
  return {
    base: `${u.protocol}//${u.host}`,
    token: u.searchParams.get('token') ?? '',
    loginUrl,
    stop: () => void child.kill('SIGTERM'),
  };
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
