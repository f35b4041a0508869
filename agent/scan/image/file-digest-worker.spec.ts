import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openHashedFileRange } from './file-digest-worker';

const dir = mkdtempSync(path.join(tmpdir(), 'moat-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describe('openHashedFileRange', () => {
  // Several chunks and more than the in-flight window, so credits must flow back for it to finish.
  const data = randomBytes(11 * 1024 * 1024 + 123);
  const file = path.join(dir, 'blob');
  writeFileSync(file, data);

  it('streams exactly the range and its sha256', async () => {
    const start = 4097;
    const size = data.length - start - 10;
    const h = openHashedFileRange({ file, start, size });
    expect(h).toBeDefined();
    const got = await collect(h!.stream);
    expect(got.equals(data.subarray(start, start + size))).toBe(true);
    expect((await h!.digests).blob).toBe(
      createHash('sha256')
        .update(data.subarray(start, start + size))
        .digest('hex'),
    );
  });

  it('hands over intact chunks to a consumer slower than the reader', async () => {
    const h = openHashedFileRange({ file, start: 0, size: data.length })!;
    const parts: Buffer[] = [];
    for await (const c of h.stream) {
      parts.push(c as Buffer);
      // Let the reader run ahead as far as it may before taking the next chunk.
      if (parts.length % 3 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    expect(Buffer.concat(parts).equals(data)).toBe(true);
    expect((await h.digests).blob).toBe(createHash('sha256').update(data).digest('hex'));
  });

  it('gives the digest of nothing for an empty range', async () => {
    const h = openHashedFileRange({ file, start: 0, size: 0 })!;
    expect(await collect(h.stream)).toHaveLength(0);
    expect((await h.digests).blob).toBe(createHash('sha256').digest('hex'));
  });

  it('fails naming the shortfall when the file is shorter than the range', async () => {
    const h = openHashedFileRange({ file, start: data.length - 100, size: 200 })!;
    await expect(collect(h.stream)).rejects.toThrow(/100 bytes early \(truncated\)/);
    await expect(h.digests).rejects.toThrow(/truncated/);
  });

  it('fails naming the file when it cannot be opened', async () => {
    const missing = path.join(dir, 'missing');
    const h = openHashedFileRange({ file: missing, start: 0, size: 10 })!;
    await expect(collect(h.stream)).rejects.toThrow(/ENOENT/);
  });

  it('stops reading when the consumer destroys the stream, and keeps serving later reads', async () => {
    const h = openHashedFileRange({ file, start: 0, size: data.length })!;
    for await (const _ of h.stream) break; // destroys after the first chunk
    await expect(h.digests).rejects.toThrow();
    const again = openHashedFileRange({ file, start: 0, size: 1000 })!;
    expect((await collect(again.stream)).equals(data.subarray(0, 1000))).toBe(true);
  });
});
