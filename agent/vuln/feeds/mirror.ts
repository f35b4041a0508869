// Where the published feed files are, as data: one URL template per feed for the official publisher and
// one relative path for a mirror, so a mirror (an HTTP server or a plain directory) has a single root.
// fetchFeedFile streams one file to disk with a size cap and a stall timeout.
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

export type FeedKind = 'alpine-secdb' | 'debian-tracker' | 'osv';

export interface FeedLayout {
  /** Official URL template; {name} placeholders are filled from params. */
  official: string;
  /** Path of the same file under a mirror root. */
  mirror: string;
  /** Default values of each placeholder; every combination is one file. */
  params: Record<string, readonly string[]>;
}

export const FEED_LAYOUT: Readonly<Record<FeedKind, FeedLayout>> = {
  'alpine-secdb': {
    official: 'https://secdb.alpinelinux.org/{branch}/{repo}.json',
    mirror: 'alpine-secdb/{branch}/{repo}.json',
    params: {
      branch: Array.from({ length: 20 }, (_, i) => `v3.${i + 3}`),
      repo: ['main', 'community'],
    },
  },
  'debian-tracker': {
    official: 'https://security-tracker.debian.org/tracker/data/json',
    mirror: 'debian-tracker/data.json',
    params: {},
  },
  osv: {
    official: 'https://osv-vulnerabilities.storage.googleapis.com/{ecosystem}/all.zip',
    mirror: 'osv/{ecosystem}/all.zip',
    params: { ecosystem: ['npm', 'PyPI', 'Go', 'Maven', 'crates.io', 'RubyGems', 'NuGet', 'Packagist'] },
  },
};

export const FEED_KINDS = Object.keys(FEED_LAYOUT) as FeedKind[];

export interface FeedFile {
  feed: FeedKind;
  /** Path under a mirror root, also where the file is kept locally. */
  relPath: string;
  /** Where it is fetched from: an http(s) URL or an absolute file path. */
  location: string;
}

export interface PlanOptions {
  /** http(s) URL or directory with the mirror layout; the official publishers when absent. */
  mirror?: string;
  feeds?: readonly FeedKind[];
  /** Overrides of a layout's params, e.g. { branch: ['v3.10'] }. */
  params?: Record<string, readonly string[]>;
}

function expand(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_m, k: string) => {
    const v = values[k];
    if (v === undefined) throw new Error(`feed layout template "${template}" has no value for {${k}}`);
    return v;
  });
}

function combinations(params: Record<string, readonly string[]>): Array<Record<string, string>> {
  let out: Array<Record<string, string>> = [{}];
  for (const [k, values] of Object.entries(params)) {
    out = out.flatMap((c) => values.map((v) => ({ ...c, [k]: v })));
  }
  return out;
}

const SAFE_VALUE = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export function isHttpUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

/** Pure: the files to fetch for the chosen feeds, from the official publishers or one mirror. */
export function planFeedFiles(opts: PlanOptions = {}): FeedFile[] {
  const out: FeedFile[] = [];
  for (const feed of opts.feeds ?? FEED_KINDS) {
    const layout = FEED_LAYOUT[feed];
    if (!layout) throw new Error(`unknown feed "${String(feed)}"; known feeds: ${FEED_KINDS.join(', ')}`);
    const params: Record<string, readonly string[]> = {};
    for (const [k, v] of Object.entries(layout.params)) params[k] = opts.params?.[k] ?? v;
    for (const combo of combinations(params)) {
      for (const [k, v] of Object.entries(combo)) {
        // Values become URL and file path segments: no separators, no "..".
        if (!SAFE_VALUE.test(v) || v.includes('..'))
          throw new Error(`feed parameter ${k}="${v}" is not allowed`);
      }
      const relPath = expand(layout.mirror, combo);
      let location: string;
      if (!opts.mirror) location = expand(layout.official, combo);
      else if (isHttpUrl(opts.mirror))
        location = new URL(relPath, opts.mirror.endsWith('/') ? opts.mirror : `${opts.mirror}/`).href;
      else location = path.resolve(opts.mirror, ...relPath.split('/'));
      out.push({ feed, relPath, location });
    }
  }
  return out;
}

export interface FetchOptions {
  maxBytes?: number;
  /** Abort when no byte arrives for this long. */
  stallMs?: number;
  onBytes?: (bytes: number) => void;
}

export type FetchResult =
  { status: 'fetched'; path: string; bytes: number } | { status: 'missing'; reason: string };

const DEFAULT_MAX = 4 * 1024 * 1024 * 1024;

/** Fetches one feed file to dest. "missing" means the publisher does not have it (HTTP 404/410, no such file). */
export async function fetchFeedFile(
  file: FeedFile,
  dest: string,
  opts: FetchOptions = {},
): Promise<FetchResult> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX;
  await mkdir(path.dirname(dest), { recursive: true });
  if (!isHttpUrl(file.location)) {
    const info = await stat(file.location).catch(() => undefined);
    if (!info) return { status: 'missing', reason: 'no such file in the mirror directory' };
    if (!info.isFile()) throw new Error(`${file.location}: not a regular file`);
    if (info.size > maxBytes)
      throw new Error(`${file.location}: ${info.size} bytes is more than ${maxBytes}`);
    await copyFile(file.location, dest);
    return { status: 'fetched', path: dest, bytes: info.size };
  }
  const ctl = new AbortController();
  const stallMs = opts.stallMs ?? 60_000;
  let timer = setTimeout(() => ctl.abort(), stallMs);
  const poke = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => ctl.abort(), stallMs);
  };
  try {
    let res: Response;
    try {
      res = await fetch(file.location, { signal: ctl.signal, redirect: 'follow' });
    } catch (err) {
      throw new Error(`${file.location}: cannot fetch (${describeFetchError(err)})`);
    }
    if (res.status === 404 || res.status === 410) {
      await res.body?.cancel();
      return { status: 'missing', reason: `HTTP ${res.status}` };
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      throw new Error(`${file.location}: HTTP ${res.status} ${res.statusText}`);
    }
    let bytes = 0;
    const body = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
    body.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      poke();
      if (bytes > maxBytes) body.destroy(new Error(`more than ${maxBytes} bytes`));
      else opts.onBytes?.(bytes);
    });
    try {
      await pipeline(body, createWriteStream(dest));
    } catch (err) {
      await rm(dest, { force: true });
      throw new Error(`${file.location}: download failed after ${bytes} bytes (${describeFetchError(err)})`);
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared !== bytes && !res.headers.get('content-encoding')) {
      await rm(dest, { force: true });
      throw new Error(`${file.location}: truncated download (${bytes} of ${declared} bytes)`);
    }
    return { status: 'fetched', path: dest, bytes };
  } finally {
    clearTimeout(timer);
  }
}

function describeFetchError(err: unknown): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'AbortError') return 'stalled: no data within the time limit';
  return e.cause?.code ?? e.cause?.message ?? e.message;
}

export interface FetchedFeeds {
  fetched: Array<{ path: string; source: string; relPath: string }>;
  /** Files the mirror does not have, with why. */
  missing: string[];
}

/** Fetches every planned file into dir (mirror layout kept); missing ones are listed, other failures throw. */
export async function fetchPlannedFiles(
  files: readonly FeedFile[],
  dir: string,
  onFile?: (file: FeedFile) => FetchOptions['onBytes'],
): Promise<FetchedFeeds> {
  const out: FetchedFeeds = { fetched: [], missing: [] };
  for (const f of files) {
    const r = await fetchFeedFile(f, path.join(dir, ...f.relPath.split('/')), { onBytes: onFile?.(f) });
    if (r.status === 'missing') out.missing.push(`${f.location} (${r.reason})`);
    else out.fetched.push({ path: r.path, source: f.location, relPath: f.relPath });
  }
  return out;
}
