// The digest of a layer blob stored in a file, computed on a worker thread that reads the file itself, so
// verification runs beside the main thread's tar parsing and analysis instead of after it (no bytes cross threads).
import { Worker } from 'node:worker_threads';

export interface FileRange {
  file: string;
  start: number;
  size: number;
}

export interface BlobDigests {
  /** sha256 of the stored blob (for an uncompressed layer this is also its diffID). */
  blob: string;
}

// Only the stored blob is hashed here: for a compressed blob the main thread already holds the decompressed
// bytes and hashes them for the diffID, which is cheaper than decompressing twice on two cores.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
function digest(job) {
  return new Promise((resolve, reject) => {
    const blob = crypto.createHash('sha256');
    if (job.size === 0) return resolve(blob.digest('hex'));
    const rs = fs.createReadStream(job.file, { start: job.start, end: job.start + job.size - 1, highWaterMark: 1 << 20 });
    rs.on('error', reject);
    rs.on('data', (c) => blob.update(c));
    rs.on('end', () => resolve(blob.digest('hex')));
  });
}
parentPort.on('message', (job) => {
  digest(job).then(
    (hex) => parentPort.postMessage({ id: job.id, blob: hex }),
    (e) => parentPort.postMessage({ id: job.id, error: String((e && e.message) || e) }),
  );
});
`;

class DigestWorker {
  private readonly worker: Worker;
  private readonly jobs = new Map<number, { resolve(d: BlobDigests): void; reject(e: Error): void }>();
  private nextId = 1;

  constructor() {
    // Plain JavaScript with built-ins only: no loader flags of the parent (e.g. a TypeScript loader) are needed.
    this.worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
    this.worker.unref();
    this.worker.on('message', (m: { id: number; blob?: string; error?: string }) => {
      const job = this.jobs.get(m.id);
      this.jobs.delete(m.id);
      if (this.jobs.size === 0) this.worker.unref();
      if (!job) return;
      if (m.error !== undefined || m.blob === undefined)
        job.reject(new Error(m.error ?? 'digest worker gave no digest'));
      else job.resolve({ blob: m.blob });
    });
    this.worker.on('error', (err) => {
      for (const job of this.jobs.values()) job.reject(err);
      this.jobs.clear();
    });
  }

  digest(range: FileRange): Promise<BlobDigests> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.jobs.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, ...range });
    });
  }
}

let shared: DigestWorker | null | undefined;

/** The digests of a file-backed blob from the shared worker; undefined where no worker can start (hash in-thread then). */
export function digestFileRange(range: FileRange): Promise<BlobDigests> | undefined {
  if (shared === undefined) {
    try {
      shared = new DigestWorker();
    } catch {
      shared = null;
    }
  }
  return shared?.digest(range);
}
