import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildElf64,
  cargoAuditableElf,
  goBuildInfoInline,
  goBuildInfoPointerElf,
} from '../../../test/fixtures/lang/builders';
import type { Analyzer } from '../../model/analyzer';
import { goBinaryAnalyzer } from '../inventory/lang/go-binary';
import { rustBinaryAnalyzer } from '../inventory/lang/rust-binary';
import { isPlainTarRange, walkTarInFile } from './layer-file-walker';
import { walkLayer } from './layer-walker';
import { ImageInputError, newBudget, type LayerResult, type LayerStream } from './types';

const dir = mkdtempSync(path.join(tmpdir(), 'moat-file-walker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
let n = 0;

/** One raw ustar header; uid given as a number over 0o7777777 is written base-256 (GNU). */
function header(
  name: string,
  size: number,
  flag: string,
  o: { uid?: number; mode?: number; linkname?: string } = {},
): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write(`${(o.mode ?? 0o644).toString(8).padStart(7, '0')}\0`, 100, 'latin1');
  const uid = o.uid ?? 0;
  if (uid > 0o7777777) {
    h[108] = 0x80;
    h.writeUIntBE(uid, 110, 6);
  } else h.write(`${uid.toString(8).padStart(7, '0')}\0`, 108, 'latin1');
  h.write('0000000\0', 116, 'latin1');
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  h.write('00000000000\0', 136, 'latin1');
  h.write(flag, 156, 'latin1');
  if (o.linkname) h.write(o.linkname, 157, 100, 'utf8');
  h.write('ustar\0', 257, 'latin1');
  h.write('00', 263, 'latin1');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

function member(
  name: string,
  data: Buffer | string,
  flag = '0',
  o: Parameters<typeof header>[3] = {},
): Buffer {
  const body = Buffer.isBuffer(data) ? data : Buffer.from(data);
  const pad = Buffer.alloc((512 - (body.length % 512)) % 512);
  return Buffer.concat([header(name, body.length, flag, o), body, pad]);
}

const pax = (fields: Record<string, string>): string =>
  Object.entries(fields)
    .map(([k, v]) => {
      const rec = ` ${k}=${v}\n`;
      let len = rec.length + 1;
      while (String(len).length + rec.length !== len) len = String(len).length + rec.length;
      return `${len}${rec}`;
    })
    .join('');

const tarOf = (...members: Buffer[]): Buffer => Buffer.concat([...members, Buffer.alloc(1024)]);

function inFile(blob: Buffer, offset = 777): { file: string; start: number; size: number } {
  const file = path.join(dir, `layer-${n++}`);
  writeFileSync(file, Buffer.concat([Buffer.alloc(offset, 0x55), blob]));
  return { file, start: offset, size: blob.length };
}

/** Records every file's bytes (as a digest) and metadata. */
const recorder: Analyzer = {
  type: 'rec',
  version: 1,
  required: () => true,
  analyze: (f) => ({ packages: [{ name: f.path, version: sha(f.content) } as never] }),
};

/** The same blob walked streamed and by offset. */
async function both(
  blob: Buffer,
  analyzers: readonly Analyzer[] = [recorder],
): Promise<{ streamed: LayerResult; byOffset: LayerResult }> {
  const range = inFile(blob);
  const layer = (): LayerStream => ({
    kind: 'tar',
    name: 'crafted',
    createdBy: '',
    stream: Readable.from([blob]),
    fileRange: range,
  });
  const streamed = await walkLayer(layer(), { analyzers, budget: newBudget(), byOffset: false });
  const byOffset = await walkTarInFile(layer(), range, { analyzers, budget: newBudget() });
  if (!byOffset) throw new Error('no digest worker');
  return { streamed, byOffset };
}

describe('walkTarInFile', () => {
  it('gives what the streaming walk gives for GNU long names and links, pax (global too), base-256 ids and old directories', async () => {
    const longName = `usr/share/${'deep/'.repeat(30)}file.txt`;
    const longLink = `/opt/${'target/'.repeat(30)}bin`;
    const blob = tarOf(
      member('././@LongLink', `${longName}\0`, 'L'),
      member('placeholder', 'long-named content'),
      member('././@LongLink', `${longLink}\0`, 'K'),
      member('usr/bin/longlink', '', '2', { linkname: 'short' }),
      member('pax_global_header', pax({ comment: 'global' }), 'g'),
      member('PaxHeaders/x', pax({ path: 'etc/pax-named.conf' }), 'x'),
      member('etc/short-name', 'pax content'),
      member('big-uid', 'x', '0', { uid: 0o7777777 + 5, mode: 0o4755 }),
      member('olddir/', '', '0'),
      member('olddir/inside', 'y'),
      member('hard', '', '1', { linkname: 'olddir/inside' }),
      member('dev/tty', '', '3'),
    );
    const { streamed, byOffset } = await both(blob);
    expect(byOffset).toEqual(streamed);
    expect(byOffset.diffId).toBe(sha(blob));
    const paths = byOffset.entries.map((e) => e.path);
    expect(paths).toContain(`/${longName}`);
    expect(paths).toContain('/etc/pax-named.conf');
    expect(byOffset.entries.find((e) => e.path === '/usr/bin/longlink')?.linkname).toBe(longLink);
    expect(byOffset.entries.find((e) => e.path === '/big-uid')).toMatchObject({
      uid: 0o7777777 + 5,
      mode: 0o4755,
    });
    expect(byOffset.entries.find((e) => e.path === '/olddir')?.type).toBe('directory');
    expect(byOffset.devicesIgnored).toBe(1);
  });

  it('finds the same Go and Rust packages reading executables in parts as reading them whole', async () => {
    const modinfo = 'path\tex.com/app\nmod\tex.com/app\tv1.2.3\th1:x=\ndep\tgithub.com/a/b\tv0.4.0\th1:y=\n';
    const code = Buffer.alloc(300_000, 0x90);
    const exe = (name: string, data: Buffer): Buffer => member(name, data, '0', { mode: 0o755 });
    const blob = tarOf(
      exe(
        'usr/bin/go-inline',
        buildElf64([
          { name: '.text', data: code, flags: 0x6 },
          { name: '.go.buildinfo', data: goBuildInfoInline('go1.21.5', modinfo) },
        ]),
      ),
      exe('usr/bin/go-old', goBuildInfoPointerElf('go1.16.15', modinfo)),
      exe(
        'usr/bin/go-nosection',
        buildElf64([
          { name: '.gopclntab', data: Buffer.alloc(64, 1) },
          { name: '.noptrdata', data: goBuildInfoInline('go1.20.1', modinfo) },
        ]),
      ),
      exe(
        'usr/bin/rusty',
        cargoAuditableElf({
          packages: [{ name: 'serde', version: '1.0.1', source: 'crates.io', kind: 'runtime' }],
        }),
      ),
      exe(
        'usr/bin/c-tool',
        buildElf64([
          { name: '.text', data: code, flags: 0x6 },
          { name: '.data', data: goBuildInfoInline('go1.9.9', modinfo) },
        ]),
      ),
      exe('usr/bin/script', Buffer.from(`#!/bin/sh\n${'echo hi\n'.repeat(200)}`)),
      exe('usr/bin/not-elf-big', Buffer.alloc(200_000, 0x41)),
    );
    // Every file under /usr/bin, small fixtures included (the real analyzers skip files under 1 KiB).
    const analyzers = [goBinaryAnalyzer, rustBinaryAnalyzer].map((a) => ({
      ...a,
      required: (f: { path: string }) => f.path.startsWith('/usr/bin/'),
    }));
    const { streamed, byOffset } = await both(blob, analyzers);
    expect(byOffset).toEqual(streamed);
    const found = (p: string, t: string) =>
      byOffset.files[p][t].packages?.map((x) => `${x.name}@${x.version}`);
    expect(found('/usr/bin/go-inline', 'go-binary')).toEqual([
      'ex.com/app@v1.2.3',
      'github.com/a/b@v0.4.0',
      'stdlib@1.21.5',
    ]);
    expect(found('/usr/bin/go-old', 'go-binary')).toContain('stdlib@1.16.15');
    expect(found('/usr/bin/go-nosection', 'go-binary')).toContain('stdlib@1.20.1');
    expect(found('/usr/bin/rusty', 'rust-binary')).toEqual(['serde@1.0.1']);
    expect(found('/usr/bin/c-tool', 'go-binary')).toBeUndefined();
  });

  it('lets an analyzer read parts only when nothing else wants the whole file', async () => {
    const calls: string[] = [];
    const parts: Analyzer = {
      type: 'parts',
      version: 1,
      required: () => true,
      analyze: (f) => (calls.push(`whole ${f.path}`), {}),
      analyzeParts: (f, read) => (calls.push(`parts ${f.path} ${read(2, 3).toString()}`), {}),
    };
    const whole: Analyzer = {
      type: 'whole',
      version: 1,
      required: (f) => f.path === '/b',
      analyze: () => ({}),
    };
    const blob = tarOf(member('a', 'abcdefgh'), member('b', 'ijklmnop'));
    const range = inFile(blob);
    const layer: LayerStream = {
      kind: 'tar',
      name: 'p',
      createdBy: '',
      stream: Readable.from([]),
      fileRange: range,
    };
    await walkTarInFile(layer, range, { analyzers: [parts, whole], budget: newBudget() });
    expect(calls).toEqual(['parts /a cde', 'whole /b']);
    const outside = await walkTarInFile({ ...layer, stream: Readable.from([]) }, range, {
      analyzers: [{ ...parts, analyzeParts: (_f, read) => (read(6, 5), {}) }],
      budget: newBudget(),
    });
    expect(outside?.warnings.join()).toMatch(
      /analyzer parts failed on \/a: read of 5 bytes at 6 lies outside the 8-byte member/,
    );
  });

  it('hands analyzers exact bytes for files smaller, around and larger than its read window', async () => {
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const members: Buffer[] = [];
    const want = new Map<string, string>();
    for (let i = 0; i < 120; i++) {
      const size =
        [0, 1, 511, 512, 513, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 70_000][i % 9] + (rnd() % 3);
      const data = Buffer.alloc(size);
      for (let j = 0; j < size; j++) data[j] = rnd() & 0xff;
      members.push(member(`f${i}`, data));
      want.set(`/f${i}`, sha(data));
    }
    const { streamed, byOffset } = await both(tarOf(...members));
    expect(byOffset).toEqual(streamed);
    for (const [p, digest] of want) expect(byOffset.files[p].rec.packages?.[0].version).toBe(digest);
  });

  it('refuses a file cut short under it, a bad size field, a malformed or oversized pax header', async () => {
    const refuse = async (blob: Buffer, msg: RegExp, cut?: number): Promise<void> => {
      const range = inFile(blob);
      if (cut !== undefined) truncateSync(range.file, range.start + cut);
      const layer: LayerStream = { kind: 'tar', name: 'hostile', createdBy: '', stream: Readable.from([]) };
      const err = await walkTarInFile(layer, range, { analyzers: [recorder], budget: newBudget() }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ImageInputError);
      expect((err as Error).message).toMatch(/^hostile: /);
      expect((err as Error).message).toMatch(msg);
    };
    const ok = tarOf(member('a', Buffer.alloc(40_000, 1)), member('b', 'x'));
    await refuse(ok, /file ends \d+ bytes early .*truncated/, 20_000);
    const badSize = member('a', 'x');
    badSize.write('zz', 124, 'latin1');
    await refuse(tarOf(badSize), /bad header checksum|bad size field/);
    await refuse(tarOf(member('p', '99 path=x\n', 'x'), member('a', 'x')), /malformed pax header/);
    await refuse(
      tarOf(member('p', Buffer.alloc(1024 * 1024 + 1, 0x31), 'x')),
      /header extension .* too large/,
    );
    // The worker is still usable after those failures.
    const { byOffset } = await both(tarOf(member('after', 'fine')));
    expect(byOffset.files['/after']).toBeDefined();
  });

  it('takes only plain tars: gzip and zstd blobs and tiny ranges are left to the streaming walk', () => {
    expect(isPlainTarRange(inFile(tarOf(member('a', 'x'))))).toBe(true);
    expect(isPlainTarRange(inFile(Buffer.from([0x1f, 0x8b, 8, 0, ...Buffer.alloc(600)])))).toBe(false);
    expect(isPlainTarRange(inFile(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, ...Buffer.alloc(600)])))).toBe(false);
    expect(isPlainTarRange(inFile(Buffer.alloc(100)))).toBe(false);
  });
});
