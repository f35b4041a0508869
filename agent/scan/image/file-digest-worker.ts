// A layer blob stored in a file, read once on a worker thread that hashes it: either only that (the
// by-offset walk of an uncompressed layer reads what it needs itself) or also handing each chunk over,
// transferred, to the main thread's decompression and tar parsing (compressed layers). Verification
// runs beside parsing and analysis, and the file is not read a second time for its digest.
import { Readable } from 'node:stream';
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

export interface HashedFileStream {
  /** The blob's bytes, in order. */
  stream: Readable;
  /** Settles once every byte has been read and hashed (rejects when the read fails). */
  digests: Promise<BlobDigests>;
}

/** Bytes per chunk and chunks in flight: at most 8 MiB read ahead whatever the consumer's pace. */
const CHUNK = 256 * 1024;
const WINDOW = 32;

// Only the stored blob is hashed here: for a compressed blob the main thread already holds the decompressed
// bytes and hashes them for the diffID, which is cheaper than decompressing twice on two cores.
// Synchronous reads: this thread does nothing else, and the libuv pool stays free for the main thread.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const jobs = new Map();
function finish(job, msg) {
  jobs.delete(job.id);
  try { fs.closeSync(job.fd); } catch {}
  parentPort.postMessage({ id: job.id, ...msg });
}
function pump(job) {
  try {
    while (job.credit > 0 && job.pos < job.end) {
      const n = Math.min(${CHUNK}, job.end - job.pos);
      const ab = new ArrayBuffer(n);
      const buf = Buffer.from(ab);
      let got = 0;
      while (got < n) {
        const r = fs.readSync(job.fd, buf, got, n - got, job.pos + got);
        if (r === 0) throw new Error('file ends ' + (job.end - job.pos - got) + ' bytes early (truncated)');
        got += r;
      }
      job.pos += n;
      job.hash.update(buf);
      job.credit--;
      parentPort.postMessage({ id: job.id, chunk: ab }, [ab]);
    }
    if (job.pos >= job.end) finish(job, { blob: job.hash.digest('hex') });
  } catch (e) {
    finish(job, { error: String((e && e.message) || e) });
  }
}
// Hash-only jobs (the main thread reads what it needs itself): one reused buffer, in slices so a
// cancel is seen between them.
let scratch;
function hashSlice(job) {
  if (!jobs.has(job.id)) return;
  try {
    scratch = scratch || Buffer.allocUnsafe(${CHUNK * 4});
    for (let i = 0; i < 8 && job.pos < job.end; i++) {
      const n = Math.min(scratch.length, job.end - job.pos);
      const r = fs.readSync(job.fd, scratch, 0, n, job.pos);
      if (r === 0) throw new Error('file ends ' + (job.end - job.pos) + ' bytes early (truncated)');
      job.hash.update(scratch.subarray(0, r));
      job.pos += r;
    }
    if (job.pos >= job.end) finish(job, { blob: job.hash.digest('hex') });
    else setImmediate(hashSlice, job);
  } catch (e) {
    finish(job, { error: String((e && e.message) || e) });
  }
}
parentPort.on('message', (m) => {
  if (m.type === 'hash' || m.type === 'start') {
    let fd;
    try { fd = fs.openSync(m.file, 'r'); } catch (e) {
      parentPort.postMessage({ id: m.id, error: String((e && e.message) || e) });
      return;
    }
    const job = { id: m.id, fd, pos: m.start, end: m.start + m.size, hash: crypto.createHash('sha256') };
    jobs.set(m.id, job);
    // 'hash': the digest only; 'start': also hand every chunk over, as credit allows.
    if (m.type === 'hash') return hashSlice(job);
    job.credit = ${WINDOW};
    return pump(job);
  }
  const job = jobs.get(m.id);
  if (!job) return;
  if (m.type === 'credit') {
    job.credit += m.n;
    pump(job);
  } else if (m.type === 'cancel') {
    jobs.delete(job.id);
    try { fs.closeSync(job.fd); } catch {}
  }
});
`;

interface WorkerMessage {
  id: number;
  chunk?: ArrayBuffer;
  blob?: string;
  error?: string;
}

interface Job {
  stream: Readable;
  resolve(d: BlobDigests): void;
  reject(e: Error): void;
  /** Chunks pushed into a full stream, to be credited back once the consumer reads again. */
  owed: number;
  done: boolean;
}

class ReaderWorker {
  private readonly worker: Worker;
  private readonly jobs = new Map<number, Job>();
  private nextId = 1;

  constructor() {
    // Plain JavaScript with built-ins only: no loader flags of the parent (e.g. a TypeScript loader) are needed.
    this.worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
    this.worker.unref();
    this.worker.on('message', (m: WorkerMessage) => this.onMessage(m));
    this.worker.on('error', (err) => {
      for (const job of this.jobs.values()) this.settle(job, err);
      this.jobs.clear();
      this.worker.unref();
    });
  }

  private onMessage(m: WorkerMessage): void {
    const job = this.jobs.get(m.id);
    if (!job) return;
    if (m.chunk !== undefined) {
      if (job.done) return;
      if (job.stream.push(Buffer.from(m.chunk))) this.worker.postMessage({ type: 'credit', id: m.id, n: 1 });
      else job.owed++;
      return;
    }
    this.jobs.delete(m.id);
    if (this.jobs.size === 0) this.worker.unref();
    if (m.error !== undefined || m.blob === undefined) {
      this.settle(job, new Error(m.error ?? 'reader worker gave no digest'));
    } else {
      job.done = true;
      job.stream.push(null);
      job.resolve({ blob: m.blob });
    }
  }

  private settle(job: Job, err: Error): void {
    if (job.done) return;
    job.done = true;
    job.reject(err);
    job.stream.destroy(err);
  }

  /** The blob's digest only: the caller reads the bytes it needs itself. `cancel` stops the reading. */
  digest(range: FileRange): { digests: Promise<BlobDigests>; cancel(): void } {
    checkRange(range);
    const id = this.nextId++;
    // A stand-in stream: the job bookkeeping (settle, cancel) is the same as for a streamed read.
    const stream = new Readable({ read: () => undefined });
    stream.on('error', () => undefined);
    const digests = new Promise<BlobDigests>((resolve, reject) => {
      this.jobs.set(id, { stream, resolve, reject, owed: 0, done: false });
    });
    this.worker.ref();
    this.worker.postMessage({ type: 'hash', id, ...range });
    const cancel = (): void => {
      const job = this.jobs.get(id);
      if (!job || job.done) return;
      job.done = true;
      this.jobs.delete(id);
      if (this.jobs.size === 0) this.worker.unref();
      this.worker.postMessage({ type: 'cancel', id });
      job.reject(new Error(`${range.file}: read cancelled`));
    };
    digests.catch(() => undefined);
    return { digests, cancel };
  }

  open(range: FileRange): HashedFileStream {
    checkRange(range);
    const id = this.nextId++;
    let resolve!: (d: BlobDigests) => void;
    let reject!: (e: Error) => void;
    const digests = new Promise<BlobDigests>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    digests.catch(() => undefined); // a consumer that stops early never awaits it
    const stream = new Readable({
      highWaterMark: CHUNK,
      read: () => {
        if (job.owed > 0 && !job.done) {
          this.worker.postMessage({ type: 'credit', id, n: job.owed });
          job.owed = 0;
        }
      },
      destroy: (err, cb) => {
        // A consumer that stops early (cached layer, failed walk): stop reading and release the file.
        if (!job.done) {
          job.done = true;
          this.jobs.delete(id);
          if (this.jobs.size === 0) this.worker.unref();
          this.worker.postMessage({ type: 'cancel', id });
          reject(err ?? new Error(`${range.file}: read cancelled`));
        }
        cb(err);
      },
    });
    const job: Job = { stream, resolve, reject, owed: 0, done: false };
    this.jobs.set(id, job);
    this.worker.ref();
    this.worker.postMessage({ type: 'start', id, ...range });
    return { stream, digests };
  }
}

function checkRange(range: FileRange): void {
  if (![range.start, range.size].every((n) => Number.isSafeInteger(n) && n >= 0))
    throw new Error(`${range.file}: invalid byte range ${range.start}+${range.size}`);
}

let shared: ReaderWorker | null | undefined;

function sharedWorker(): ReaderWorker | null {
  if (shared === undefined) {
    try {
      shared = new ReaderWorker();
    } catch {
      shared = null;
    }
  }
  return shared;
}

/** Starts the shared worker ahead of the first layer, so its start-up overlaps the scan's own. */
export function warmLayerReader(): void {
  sharedWorker();
}

/** The sha256 of a file's byte range, computed on the shared worker; undefined where none can start. */
export function digestFileRange(
  range: FileRange,
): { digests: Promise<BlobDigests>; cancel(): void } | undefined {
  return sharedWorker()?.digest(range);
}

/**
 * The bytes of a file-backed blob, read and hashed on the shared worker; undefined where no worker can
 * start (the caller then reads the file itself and hashes in-thread).
 */
export function openHashedFileRange(range: FileRange): HashedFileStream | undefined {
  return sharedWorker()?.open(range);
}
