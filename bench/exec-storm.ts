// `node --import tsx bench/exec-storm.ts [--rate 1000] [--seconds 30] [--spawners 2] [--per-lifetime 100]`
// (root, dockerd, gcc with static libc):
// an exec storm in one container through the real runtime pipeline (sensor → enrichment → model → SQLite audits).
//   eBPF: <rate> processes per second for <seconds> (split over <spawners> helper processes, since one fork+exec
//         loop in a container may not reach the rate), each with its own name (x<n>) so the active model audits
//         every one (no de-duplication); prints events seen vs spawned, bpftrace's lost-event counter, latencies
//         exec→event, exec→audit raised and exec→audit stored in console.db (the flush that pushes it to the UI),
//         and the CPU of this process (pipeline + store) and of bpftrace over the storm.
//   /proc: processes living 50 ms, 200 ms and 1 s; prints the share the poller saw.
// The exec time is the helper's own clock reading just before execve, passed as argv[1].
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import Docker from 'dockerode';
import { Enricher } from '../agent/runtime/enrich';
import type { EnrichedEvent, Sensor } from '../agent/runtime/events';
import { ModelEngine } from '../agent/runtime/model-engine';
import { RuntimePipeline } from '../agent/runtime/pipeline';
import { sensorBackend } from '../agent/runtime/registry';
import type { BpftraceSensor } from '../agent/runtime/sensors/bpftrace';
import { openConsoleDb } from '../electron/db/connection';
import { ModelsRepo } from '../electron/db/repos/models-repo';
import { ensureTestImages, IMAGE_NAMES } from '../test/setup/test-images';

const run = promisify(execFile);
const log = (s: string): void => void process.stderr.write(`${s}\n`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }).trim();
}

/** Builds the static helper and an image of moat-test/busybox with it at /storm. */
function buildImage(tmp: string): string {
  const src = path.join(__dirname, 'exec-storm', 'storm.c');
  const ctx = path.join(tmp, 'image');
  fs.mkdirSync(ctx);
  try {
    execFileSync('gcc', ['-O2', '-static', '-o', path.join(ctx, 'storm'), src], { stdio: 'pipe' });
  } catch (e) {
    throw new Error(
      `cannot build ${src} with gcc -static (needs gcc and libc6-dev): ${(e as Error).message}`,
    );
  }
  fs.writeFileSync(path.join(ctx, 'Dockerfile'), `FROM ${IMAGE_NAMES.busybox}\nCOPY storm /storm\n`);
  const tag = `moat-bench/exec-storm:${process.pid}`;
  execFileSync('docker', ['build', '-q', '-t', tag, ctx], {
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
    stdio: 'pipe',
  });
  return tag;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(1)} ms, p99 ${percentile(s, 99).toFixed(1)} ms, max ${s.at(-1)?.toFixed(1)} ms (n=${s.length})`;
}

/** CPU seconds (user + system) of a process from /proc/<pid>/stat. */
function procCpuSeconds(pid: number | undefined): number {
  if (!pid) return NaN;
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const tck = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return (Number(f[11]) + Number(f[12])) / tck;
}

interface Harness {
  pipeline: RuntimePipeline;
  processSensor: Sensor;
  engine: ModelEngine;
  repo: ModelsRepo;
  events: EnrichedEvent[];
  stop(): Promise<void>;
}

async function harness(
  backend: 'ebpf' | 'procfs',
  dbFile: string,
  onEvent: (e: EnrichedEvent) => void,
  onAudit: (what: string) => void,
  onStored: (whats: string[]) => void,
): Promise<Harness> {
  const api = new Docker();
  const enricher = new Enricher(api);
  const db = openConsoleDb(dbFile);
  const repo = new ModelsRepo(db, (rows) => onStored(rows.filter((r) => r.count === 1).map((r) => r.what)));
  const engine = new ModelEngine(repo, { learningSeconds: 3600 });
  const processSensor = sensorBackend(backend).create({ docker: api, enricher });
  const errors: string[] = [];
  const pipeline = new RuntimePipeline(
    [processSensor, sensorBackend('docker-events').create({ docker: api, enricher })],
    enricher,
    engine,
    { onEvent, onAudit: (a) => onAudit(a.what), onError: (e) => errors.push(e.message) },
  );
  await pipeline.start();
  return {
    pipeline,
    processSensor,
    engine,
    repo,
    events: [],
    async stop() {
      await pipeline.stop();
      repo.close();
      db.close();
      if (errors.length > 0) log(`pipeline errors: ${errors.length} (first: ${errors[0]})`);
    },
  };
}

async function waitUntil(what: string, ms: number, probe: () => boolean): Promise<void> {
  const t0 = Date.now();
  while (!probe()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(50);
  }
}

async function ebpfStorm(
  image: string,
  tmp: string,
  rate: number,
  seconds: number,
  spawners: number,
): Promise<string[]> {
  const seen = new Set<number>();
  let unmapped = 0;
  const otherNames = new Map<string, number>();
  const spawnedAt = new Map<string, number>();
  const toDecoded: number[] = [];
  const toEvent: number[] = [];
  const toAudit: number[] = [];
  const toStored: number[] = [];
  let container = '';
  const h = await harness(
    'ebpf',
    path.join(tmp, 'ebpf.db'),
    (e) => {
      if (e.source !== 'ebpf' || e.kind !== 'exec') return;
      const m = /^x(\d+)$/.exec(e.name);
      if (!m) {
        if (e.containerId === container) otherNames.set(e.name, (otherNames.get(e.name) ?? 0) + 1);
        return;
      }
      if (e.containerId !== container) {
        unmapped++;
        return;
      }
      seen.add(Number(m[1]));
      const t = Number(e.argv[1]) / 1000;
      spawnedAt.set(e.name, t);
      toDecoded.push(Date.parse(e.time) - t);
      toEvent.push(Date.now() - t);
    },
    (what) => {
      const t = spawnedAt.get(what);
      if (t !== undefined) toAudit.push(Date.now() - t);
    },
    (whats) => {
      const now = Date.now();
      for (const w of whats) {
        const t = spawnedAt.get(w);
        if (t !== undefined) toStored.push(now - t);
      }
    },
  );
  try {
    container = docker('run', '-d', '--network', 'none', image, 'sleep', '3600');
    const imageId = docker('inspect', '--format', '{{.Image}}', container);
    await waitUntil('the model of the storm image', 15_000, () => !!h.repo.getModel(imageId));
    h.engine.stopLearning(imageId); // active: every unknown process name becomes an audit
    const bpf = (h.processSensor as BpftraceSensor).pid;
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const cpu0 = process.cpuUsage();
    const bpf0 = procCpuSeconds(bpf);
    const t0 = Date.now();
    log(`eBPF: ${rate}/s for ${seconds} s in ${container.slice(0, 12)} from ${spawners} spawners…`);
    const each = Math.round(rate / spawners);
    const outs = await Promise.all(
      Array.from({ length: spawners }, (_, k) =>
        run('docker', [
          'exec',
          container,
          '/storm',
          'rate',
          String(each),
          String(seconds),
          String(k * 10_000_000),
        ]),
      ),
    );
    const parts = outs.map(
      (o) => JSON.parse(o.stdout) as { spawned: number; failed: number; seconds: number },
    );
    const helper = {
      spawned: parts.reduce((n, p) => n + p.spawned, 0),
      failed: parts.reduce((n, p) => n + p.failed, 0),
      seconds: Math.max(...parts.map((p) => p.seconds)),
    };
    // Let the pipeline catch up: done when nothing new arrived for 3 s (or after 120 s).
    let last = -1;
    let quietSince = Date.now();
    while (Date.now() - quietSince < 3000 && Date.now() - t0 < (seconds + 120) * 1000) {
      if (seen.size !== last) {
        last = seen.size;
        quietSince = Date.now();
      }
      await sleep(200);
    }
    await h.pipeline.drain();
    h.repo.flush();
    const wall = (Date.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const bpfCpu = procCpuSeconds(bpf) - bpf0;
    const health = h.processSensor.health();
    const nodeCpu = (cpu.user + cpu.system) / 1e6;
    loop.disable();
    return [
      `eBPF exec storm: helper spawned ${helper.spawned} processes in ${helper.seconds.toFixed(1)} s (${(helper.spawned / helper.seconds).toFixed(0)}/s), ${helper.failed} fork failures`,
      `  exec events seen for the container: ${seen.size} of ${helper.spawned} (${((100 * seen.size) / helper.spawned).toFixed(2)}%); seen but not mapped to it: ${unmapped}`,
      `  other exec names from the container: ${[...otherNames].map(([n, c]) => `${n}×${c}`).join(', ') || 'none'}`,
      `  bpftrace lost-event counter: ${health.lost}; pipeline events dropped (backlog full): ${h.pipeline.droppedEvents}; sensor restarts: ${health.restarts}`,
      `  exec→event decoded from bpftrace's output (the sensor's share): ${summary(toDecoded)}`,
      `  exec→event enriched, in the pipeline: ${summary(toEvent)}`,
      `  exec→audit raised by the active model: ${summary(toAudit)}`,
      `  exec→audit stored in console.db (batched flush, pushed to the UI): ${summary(toStored)}`,
      `  event-loop delay of the pipeline process: p50 ${(loop.percentile(50) / 1e6).toFixed(0)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms, max ${(loop.max / 1e6).toFixed(0)} ms`,
      `  CPU over ${wall.toFixed(1)} s (storm + catch-up): console/agent process ${nodeCpu.toFixed(1)} s (${((100 * nodeCpu) / wall).toFixed(0)}% of a core), bpftrace ${bpfCpu.toFixed(1)} s (${((100 * bpfCpu) / wall).toFixed(0)}% of a core)`,
    ];
  } finally {
    if (container) docker('rm', '-f', container);
    await h.stop();
  }
}

async function procfsLifetimes(image: string, tmp: string, perLifetime: number): Promise<string[]> {
  const seen = new Map<number, Set<number>>();
  let container = '';
  let stormForks = 0;
  const stormPids = new Set<number>();
  const h = await harness(
    'procfs',
    path.join(tmp, 'procfs.db'),
    (e) => {
      if (e.source !== 'procfs' || e.kind !== 'exec' || e.containerId !== container) return;
      const m = /^l(\d+)_(\d+)$/.exec(e.name);
      if (!m) {
        if (e.name === 'storm' && stormPids.has(e.ppid)) stormForks++;
        else if (e.name === 'storm') stormPids.add(e.pid);
        return;
      }
      const ms = Number(m[1]);
      if (!seen.has(ms)) seen.set(ms, new Set());
      seen.get(ms)!.add(Number(m[2]));
    },
    () => undefined,
    () => undefined,
  );
  const lines = [`/proc poller (10 Hz): share of ${perLifetime} processes detected, by lifetime`];
  try {
    container = docker('run', '-d', '--network', 'none', image, 'sleep', '3600');
    await sleep(1000);
    for (const ms of [50, 200, 1000]) {
      log(`/proc: ${perLifetime} processes living ${ms} ms…`);
      const out = await run('docker', [
        'exec',
        container,
        '/storm',
        'life',
        String(ms),
        String(perLifetime),
        '37',
      ]);
      const helper = JSON.parse(out.stdout) as { spawned: number };
      await sleep(ms + 1500);
      await h.pipeline.drain();
      const n = seen.get(ms)?.size ?? 0;
      lines.push(
        `  ${String(ms).padStart(4)} ms: ${n} of ${helper.spawned} (${((100 * n) / helper.spawned).toFixed(0)}%)`,
      );
    }
    // A poll that lands between fork and exec sees the helper's copy (named storm), and that pid is not read again.
    lines.push(`  processes first seen between fork and exec (reported as "storm"): ${stormForks}`);
    return lines;
  } finally {
    if (container) docker('rm', '-f', container);
    await h.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '1000' },
      seconds: { type: 'string', default: '30' },
      spawners: { type: 'string', default: '2' },
      'per-lifetime': { type: 'string', default: '100' },
    },
    strict: true,
  });
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const perLifetime = Number(values['per-lifetime']);
  const spawners = Number(values.spawners);
  for (const [k, v] of [
    ['--rate', rate],
    ['--seconds', seconds],
    ['--spawners', spawners],
    ['--per-lifetime', perLifetime],
  ] as const) {
    if (!Number.isInteger(v) || v <= 0) throw new Error(`${k} must be a positive whole number`);
  }
  if (process.getuid?.() !== 0)
    throw new Error('the exec storm needs root: bpftrace and reading /proc of containers');
  ensureTestImages();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-exec-storm-'));
  let image = '';
  try {
    image = buildImage(tmp);
    const load = (): string =>
      os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ');
    const before = `host: ${os.availableParallelism()} CPUs, load average before ${load()}`;
    const lines = [
      before,
      ...(await ebpfStorm(image, tmp, rate, seconds, spawners)),
      ...(await procfsLifetimes(image, tmp, perLifetime)),
      `host load average after: ${load()}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    if (image) docker('rmi', '-f', image);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`exec-storm: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
