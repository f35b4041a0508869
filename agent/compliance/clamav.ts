// Optional second opinion on image files from the real ClamAV `clamscan`, with the user's databases.
// Each layer blob is copied to a private temp dir (zstd ones decompressed: ClamAV does not read zstd)
// and one clamscan run unpacks the tars itself, so its databases load once per image. The temp dir is
// always removed. clamscan runs without a shell, with a time bound and explicit size limits.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { LayerRef } from '../model/package';
import { Meter, createZstdDecompress, detectCompression } from '../scan/image/decompress';
import type { ImageSource } from '../scan/image/types';
import { parseClamscanOutput } from './clamav-output';

export const CLAMSCAN_MISSING = 'clamscan not installed (apt-get install clamav)';

export interface ClamavOptions {
  /** Database files or directories (`-d`); none means clamscan's own default database directory. */
  databases: readonly string[];
  /** The clamscan executable (looked up on PATH when bare). */
  clamscan?: string;
  /** Wall-clock bound for the whole clamscan run. */
  timeoutMs?: number;
  /** Layers of the scanned inventory, to name the layer a hit came from. */
  layers?: readonly LayerRef[];
}

export interface ClamavFinding {
  signature: string;
  layer: LayerRef | null;
  /** The layer blob as the source named it, when the layer could not be attributed. */
  archive: string;
}

export interface ClamavFacts {
  databases: string[];
  findings: ClamavFinding[];
  /** Parts clamscan skipped because a size or count limit was exceeded. */
  warnings: string[];
}

/** A condition the user must fix (clamscan missing, no database): the CLI exits 2 with it. */
export class ClamavError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClamavError';
  }
}

const DEFAULT_TIMEOUT_MS = 30 * 60 * 1000;
// clamscan cannot scan files of 2 GiB or more; these are just under that.
const LIMIT_ARGS = [
  '--max-filesize=2047M',
  '--max-scansize=2047M',
  '--max-files=1000000',
  '--alert-exceeds-max=yes',
];

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  missing: boolean;
  timedOut: boolean;
}

function run(bin: string, args: readonly string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      bin,
      args,
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean }) | null;
        resolve({
          code: e ? (typeof e.code === 'number' ? e.code : null) : 0,
          stdout,
          stderr,
          missing: e?.code === 'ENOENT',
          timedOut: e?.killed === true,
        });
      },
    );
  });
}

/** The clamscan version line; throws ClamavError when clamscan cannot be run. */
export async function requireClamscan(bin = 'clamscan'): Promise<string> {
  const r = await run(bin, ['--version'], 30_000);
  if (r.missing) throw new ClamavError(CLAMSCAN_MISSING);
  if (r.code !== 0) throw new ClamavError(`${bin} --version failed: ${tail(r.stderr || r.stdout)}`);
  return r.stdout.trim();
}

/** Each database must exist (file or directory); the error names the one that does not. */
export async function checkDatabases(dbs: readonly string[]): Promise<void> {
  for (const db of dbs) {
    const st = await fs.stat(db).catch(() => null);
    if (!st) throw new ClamavError(`--clamav-db ${db}: no such file or directory`);
    if (!st.isFile() && !st.isDirectory())
      throw new ClamavError(`--clamav-db ${db}: neither a file nor a directory`);
  }
}

function tail(text: string): string {
  const t = text.trim().split('\n').slice(-3).join(' | ');
  return t.length > 400 ? `${t.slice(0, 400)}…` : t || 'no message';
}

interface Written {
  file: string;
  archive: string;
  index?: number;
  diffId?: string;
}

async function writeLayers(source: ImageSource, dir: string): Promise<Written[]> {
  const out: Written[] = [];
  for await (const layer of source.layers()) {
    if (layer.kind !== 'tar')
      throw new ClamavError(
        `${source.ref}: --clamscan needs an image (daemon, docker archive or OCI layout), not a root filesystem directory; run clamscan -r on the directory instead`,
      );
    const file = path.join(dir, `layer-${out.length}.blob`);
    // The daemon's legacy save layout names layers by nothing we know; an uncompressed blob's
    // sha256 is its diffID, which lets a hit name its layer.
    let hash = createHash('sha256');
    await pipeline(layer.stream, new Meter((c) => hash.update(c)), createWriteStream(file, { mode: 0o600 }));
    const head = Buffer.alloc(4);
    const fh = await fs.open(file, 'r');
    try {
      await fh.read(head, 0, 4, 0);
    } finally {
      await fh.close();
    }
    const kind = detectCompression(head);
    let scanned = file;
    if (kind === 'zstd') {
      scanned = `${file}.tar`;
      hash = createHash('sha256');
      await pipeline(
        createReadStream(file),
        createZstdDecompress(),
        new Meter((c) => hash.update(c)),
        createWriteStream(scanned, { mode: 0o600 }),
      );
      await fs.rm(file);
    }
    const diffId = layer.diffId ?? (kind === 'gzip' ? undefined : `sha256:${hash.digest('hex')}`);
    out.push({
      file: scanned,
      archive: layer.name,
      ...(layer.index !== undefined ? { index: layer.index } : {}),
      ...(diffId !== undefined ? { diffId } : {}),
    });
  }
  return out;
}

function layerOf(w: Written, layers: readonly LayerRef[]): LayerRef | null {
  return (
    layers.find((l) => w.diffId !== undefined && l.diffId === w.diffId) ??
    layers.find((l) => w.index !== undefined && l.index === w.index) ??
    null
  );
}

/** Runs clamscan over every layer of `source`; ClamavError for what the user must fix. */
export async function clamscanImage(source: ImageSource, opts: ClamavOptions): Promise<ClamavFacts> {
  const bin = opts.clamscan ?? 'clamscan';
  await checkDatabases(opts.databases);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'moat-clamav-'));
  try {
    const written = await writeLayers(source, dir);
    const facts: ClamavFacts = { databases: [...opts.databases], findings: [], warnings: [] };
    if (written.length === 0) return facts;
    const args = [
      '--no-summary',
      '--infected',
      '--stdout',
      '--allmatch',
      ...LIMIT_ARGS,
      ...opts.databases.flatMap((d) => ['-d', d]),
      '--',
      ...written.map((w) => w.file),
    ];
    const r = await run(bin, args, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    if (r.missing) throw new ClamavError(CLAMSCAN_MISSING);
    if (r.timedOut)
      throw new Error(
        `clamscan on ${source.ref}: gave no answer within ${opts.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`,
      );
    if (r.code !== 0 && r.code !== 1) {
      if (/No supported database files found/i.test(r.stderr))
        throw new ClamavError(
          opts.databases.length > 0
            ? `clamscan found no usable signature database in ${opts.databases.join(', ')}`
            : 'clamscan has no signature database: give --clamav-db FILE|DIR (.cvd/.cld/.hdb/.hsb/.ndb …) or install one with freshclam',
        );
      throw new Error(`clamscan on ${source.ref} failed (exit ${r.code ?? 'signal'}): ${tail(r.stderr)}`);
    }
    const parsed = parseClamscanOutput(
      r.stdout,
      written.map((w) => w.file),
    );
    const byFile = new Map(written.map((w) => [w.file, w]));
    for (const h of parsed.hits) {
      const w = byFile.get(h.file);
      if (!w) continue;
      facts.findings.push({
        signature: h.signature,
        layer: layerOf(w, opts.layers ?? []),
        archive: w.archive,
      });
    }
    for (const h of parsed.limits)
      facts.warnings.push(
        `clamscan: ${byFile.get(h.file)?.archive ?? h.file} exceeded a limit (${h.signature}); the rest of it was not scanned`,
      );
    return facts;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** "clamscan: <signature> in layer N (<created_by>)", else naming the layer archive. */
export function describeClamavFinding(f: ClamavFinding): string {
  if (f.layer)
    return `clamscan: ${f.signature} in layer ${f.layer.index} (${f.layer.createdBy || f.layer.diffId})`;
  return `clamscan: ${f.signature} in ${f.archive}`;
}
