// Small file helpers shared by importers: first bytes for detection, capped whole-file reads, chunk streams.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';

export const HEAD_BYTES = 64 * 1024;
export const CHUNK_BYTES = 256 * 1024;

export async function readHead(path: string, bytes = HEAD_BYTES): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export function fileChunks(path: string): AsyncIterable<Buffer> {
  return createReadStream(path, { highWaterMark: CHUNK_BYTES });
}

/** Reads and parses a JSON file that the format keeps small; refuses files above maxBytes instead of exhausting memory. */
export async function readJsonCapped(path: string, maxBytes: number): Promise<unknown> {
  const { size } = await stat(path);
  if (size > maxBytes) {
    throw new Error(
      `${path}: ${size} bytes is more than the ${maxBytes} bytes this format is read whole with`,
    );
  }
  const fh = await open(path, 'r');
  let text: string;
  try {
    text = (await fh.readFile()).toString('utf8');
  } finally {
    await fh.close();
  }
  return parseJson(text, path);
}

export function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch (err) {
    throw new Error(`${where}: not valid JSON (${(err as Error).message})`);
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Trims feed text to MAX chars so one hostile field cannot bloat the database. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** First bytes as text for detection, without paying for a full decode. */
export function headText(firstBytes: Buffer): string {
  return firstBytes.subarray(0, HEAD_BYTES).toString('utf8');
}
