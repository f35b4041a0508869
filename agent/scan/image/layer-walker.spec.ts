import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  gzip,
  tarOf,
  testAnalyzers,
  zstdRaw,
  type TarMember,
} from '../../../test/fixtures/image/build-layers';
import type { AnalysisResult, Analyzer } from '../../model/analyzer';
import { walkLayer } from './layer-walker';
import { ImageInputError, newBudget, type LayerStream, type ScanLimits } from './types';

const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

const dir = mkdtempSync(path.join(tmpdir(), 'moat-walker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

// Every case runs twice: streamed, and as a blob inside a file (an archive member at an offset), which
// an uncompressed layer is walked by offset from.
const MODES = ['stream', 'file'] as const;
type Mode = (typeof MODES)[number];
let mode: Mode = 'stream';

function layerOf(blob: Buffer, extra: Partial<LayerStream> = {}): LayerStream {
  const layer: LayerStream = {
    kind: 'tar',
    name: 'test-layer',
    createdBy: '',
    stream: Readable.from([blob]),
  };
  if (mode === 'file') {
    const file = path.join(dir, `blob-${files++}`);
    const prefix = Buffer.alloc(1536, 0x41);
    writeFileSync(file, Buffer.concat([prefix, blob, Buffer.alloc(700, 0x42)]));
    layer.fileRange = { file, start: prefix.length, size: blob.length };
  }
  return { ...layer, ...extra };
}

async function walk(
  blob: Buffer,
  extra: Partial<LayerStream> = {},
  limits: Partial<ScanLimits> = {},
  analyzers: readonly Analyzer[] = testAnalyzers,
) {
  return walkLayer(layerOf(blob, extra), { analyzers, budget: newBudget(limits) });
}

const sampleMembers: TarMember[] = [
  { name: './etc/' },
  { name: './etc/os-release', content: 'ID=testos\nVERSION_ID="1.2"\n' },
  { name: 'pkgs/alpha@1.0', content: '' },
  { name: '/usr/bin/tool', content: 'bin', mode: 0o4755 },
  { name: 'usr/bin/link', type: 'symlink', linkname: '/usr/bin/tool' },
  { name: 'usr/bin/evil', type: 'symlink', linkname: '../../../../etc/shadow' },
  { name: 'pkgs/hard', type: 'link', linkname: 'pkgs/alpha@1.0' },
  { name: 'dev/null', type: 'character-device' },
  { name: 'tmp/fifo', type: 'fifo' },
  { name: 'var/lib/.wh.gone', content: '' },
  { name: 'opt/app/.wh..wh..opq', content: '' },
];
const sample = (): Promise<Buffer> => tarOf(sampleMembers);

for (const m of MODES) {
  describe(`walkLayer (${m})`, () => {
    beforeAll(() => {
      mode = m;
    });

    it('walks a plain tar: diffID, analyzers, whiteouts, devices, metadata', async () => {
      const t = await sample();
      const r = await walk(t, { diffId: sha(t) });
      expect(r.diffId).toBe(sha(t));
      expect(r.bytes).toBe(t.length);
      expect(r.files['/etc/os-release']['test-os-release'].os).toEqual({ family: 'testos', release: '1.2' });
      expect(r.files['/pkgs/alpha@1.0']['test-pkgs'].packages?.[0]).toMatchObject({
        name: 'alpha',
        version: '1.0',
      });
      // hard link shares its target's analysis, relocated to its own path
      expect(r.files['/pkgs/hard']['test-pkgs'].packages?.[0].foundIn).toBe('/pkgs/hard');
      expect(r.whiteouts).toEqual(['/var/lib/gone']);
      expect(r.opaqueDirs).toEqual(['/opt/app']);
      expect(r.devicesIgnored).toBe(2);
      expect(r.fileCount).toBe(3);
      expect(r.entries.find((e) => e.path === '/usr/bin/tool')).toMatchObject({
        mode: 0o4755,
        size: 3,
        type: 'file',
      });
      expect(r.entries.find((e) => e.path === '/usr/bin/evil')).toMatchObject({
        escapes: true,
        linkname: '../../../../etc/shadow',
      });
      expect(r.entries.find((e) => e.path === '/usr/bin/link')?.escapes).toBeUndefined();
      expect(r.warnings.some((w) => w.includes('/usr/bin/evil'))).toBe(true);
    });

    it('gives the same diffID and results for gzip, hand-made zstd and plain blobs', async () => {
      const t = await sample();
      const plain = await walk(t);
      const gz = await walk(gzip(t), { diffId: sha(t), blobDigest: sha(gzip(t)) });
      const zs = await walk(zstdRaw(t), { diffId: sha(t) });
      expect(gz.diffId).toBe(plain.diffId);
      expect(zs.diffId).toBe(plain.diffId);
      expect(zs.files).toEqual(plain.files);
      expect(gz.files).toEqual(plain.files);
    });

    it('reads a zstd blob made by the zstd tool (compressed blocks)', async () => {
      const blob = readFileSync(
        path.join(__dirname, '../../../test/fixtures/image/layer-compressed.tar.zst'),
      );
      const r = await walk(blob);
      expect(r.diffId).toBe('sha256:fede9c6d8ba7637c2343b6f15fb23b86ee479f425ae1f89af17d3c49d19c3353');
      expect(r.files['/pkgs/zed@2.0']['test-pkgs']).toBeUndefined(); // 5000 bytes > maxBytes 1024
      expect(r.files['/pkgs/zed@2.0']).toEqual({});
      expect(r.warnings.some((w) => w.includes('/pkgs/zed@2.0') && w.includes('1024'))).toBe(true);
      expect(r.files['/etc/os-release']['test-os-release'].os?.family).toBe('zos');
    });

    it('does not read files no analyzer wants', async () => {
      let reads = 0;
      const a: Analyzer = {
        type: 'count',
        version: 1,
        required: (f) => f.path === '/wanted',
        analyze: () => (reads++, {}),
      };
      const r = await walk(
        await tarOf([
          { name: 'wanted', content: 'a' },
          { name: 'other', content: 'b' },
        ]),
        {},
        {},
        [a],
      );
      expect(reads).toBe(1);
      expect(Object.keys(r.files)).toEqual(['/wanted']);
    });

    it('records files read only by an analyzer that keeps its own findings nowhere in the result', async () => {
      const seen: string[] = [];
      const own: Analyzer = {
        type: 'own',
        version: 1,
        keepsOwnFindings: true,
        required: () => true,
        analyze: (f) => (seen.push(f.path), {}),
      };
      const inventory: Analyzer = {
        type: 'inv',
        version: 1,
        required: (f) => f.path === '/b',
        analyze: () => ({}),
      };
      const r = await walk(
        await tarOf([
          { name: 'a', content: 'x' },
          { name: 'b', content: 'y' },
        ]),
        {},
        {},
        [own, inventory],
      );
      expect(seen).toEqual(['/a', '/b']);
      // /b stays recorded (empty) for the inventory analyzer: it overrides a lower layer's /b.
      expect(r.files).toEqual({ '/b': { inv: {} } });
    });

    it('hands analyzers exact bytes whether a file arrives in one chunk or in many', async () => {
      const big = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 251));
      const seen = new Map<string, string>();
      const a: Analyzer = {
        type: 'bytes',
        version: 1,
        required: () => true,
        analyze: (f) => (seen.set(f.path, sha(f.content)), {}),
      };
      const blob = await tarOf([
        { name: 'small', content: 'tiny' },
        { name: 'big', content: big },
        { name: 'empty', content: '' },
      ]);
      // Odd-sized pieces split the big file across many chunks and chunk boundaries inside headers.
      const pieces: Buffer[] = [];
      for (let off = 0; off < blob.length; off += 4099) pieces.push(blob.subarray(off, off + 4099));
      for (const stream of [Readable.from([blob]), Readable.from(pieces)]) {
        seen.clear();
        const layer: LayerStream = { kind: 'tar', name: 'chunks', createdBy: '', stream };
        await walkLayer(layer, { analyzers: [a], budget: newBudget({}) });
        expect(seen.get('/big')).toBe(sha(big));
        expect(seen.get('/small')).toBe(sha(Buffer.from('tiny')));
        expect(seen.get('/empty')).toBe(sha(Buffer.alloc(0)));
      }
    });

    it('runs synchronous and asynchronous analyzers of one file in order, warning for the ones that fail', async () => {
      const order: string[] = [];
      const mk = (type: string, run: () => AnalysisResult | Promise<AnalysisResult>): Analyzer => ({
        type,
        version: 1,
        required: () => true,
        analyze: () => (order.push(type), run()),
      });
      const pkg = (name: string) => ({ packages: [{ name, version: '1' } as never] });
      const r = await walk(await tarOf([{ name: 'x', content: 'a' }]), {}, {}, [
        mk('sync1', () => pkg('s1')),
        mk('async1', () => Promise.resolve(pkg('a1'))),
        mk('asyncBad', () => Promise.reject(new Error('late boom'))),
        mk('sync2', () => pkg('s2')),
      ]);
      expect(order).toEqual(['sync1', 'async1', 'asyncBad', 'sync2']);
      expect(Object.keys(r.files['/x'])).toEqual(['sync1', 'async1', 'sync2']);
      expect(r.files['/x'].sync2.packages?.[0].name).toBe('s2');
      expect(r.warnings.join()).toContain('analyzer asyncBad failed on /x: late boom');
    });

    it('records an analyzer that throws as a warning and goes on', async () => {
      const bad: Analyzer = {
        type: 'bad',
        version: 1,
        required: () => true,
        analyze: () => {
          throw new Error('boom');
        },
      };
      const r = await walk(await tarOf([{ name: 'x', content: 'a' }]), {}, {}, [bad]);
      expect(r.warnings.join()).toContain('analyzer bad failed on /x: boom');
    });
  });

  describe(`walkLayer refuses hostile input with a clear error (${m})`, () => {
    beforeAll(() => {
      mode = m;
    });

    const refuse = async (
      blob: Buffer | Promise<Buffer>,
      msg: RegExp,
      extra: Partial<LayerStream> = {},
      limits: Partial<ScanLimits> = {},
    ): Promise<void> => {
      const err = await walk(await blob, extra, limits).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ImageInputError);
      expect((err as Error).message).toMatch(/^test-layer: /);
      expect((err as Error).message).toMatch(msg);
    };

    it('../ traversal', () =>
      refuse(tarOf([{ name: 'a/../../etc/passwd', content: 'x' }]), /escapes the archive root/));
    it('absolute path climbing out', () =>
      refuse(tarOf([{ name: '/../x', content: 'x' }]), /escapes the archive root/));
    it('hard link outside the root', () =>
      refuse(
        tarOf([{ name: 'l', type: 'link', linkname: '../../etc/shadow' }]),
        /hard link "l" points outside/,
      ));
    it('truncated archive', async () => {
      const t = await tarOf([{ name: 'big', content: Buffer.alloc(4000, 1) }]);
      await refuse(
        t.subarray(0, 1500),
        m === 'file' ? /runs past the end of the file \(truncated archive\)/ : /Unexpected end of data/,
      );
    });
    it('truncated gzip', async () =>
      refuse(gzip(await sample()).subarray(0, 200), /unexpected end of file/i));
    it('truncated zstd', async () =>
      refuse(zstdRaw(await sample()).subarray(0, 300), /zstd data is corrupt or truncated/));
    it('garbage that is not a tar', () =>
      refuse(
        Buffer.from('this is not a tar archive at all'.repeat(40)),
        m === 'file' ? /not a tar archive \(bad header checksum at offset 0\)/ : /Invalid tar header/,
      ));
    it('an uncompressed layer over the total bytes cap', async () =>
      refuse(
        tarOf([{ name: 'zeros', content: Buffer.alloc(20_000) }]),
        /beyond 10000 uncompressed bytes/,
        {},
        {
          maxTotalBytes: 10_000,
        },
      ));
    it('an empty blob', () => refuse(Buffer.alloc(0), /empty/));
    it('a diffID that does not match the content', async () =>
      refuse(
        sample(),
        /uncompressed layer digest is sha256:[0-9a-f]{64} but the image config says sha256:0000/,
        { diffId: 'sha256:' + '0'.repeat(64) },
      ));
    it('a blob digest that does not match the content', async () =>
      refuse(sample(), /blob digest is .* but the manifest says/, {
        blobDigest: 'sha256:' + '1'.repeat(64),
      }));
    it('a decompression bomb (total bytes cap)', async () => {
      const bomb = gzip(await tarOf([{ name: 'zeros', content: Buffer.alloc(2_000_000) }]));
      expect(bomb.length).toBeLessThan(10_000);
      await refuse(bomb, /beyond 1000000 uncompressed bytes/, {}, { maxTotalBytes: 1_000_000 });
    });
    it('too many entries', () =>
      refuse(
        tarOf(Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, content: '' }))),
        /more than 10 entries/,
        {},
        { maxEntries: 10 },
      ));
  });

  describe(`walkLayer bounds memory (${m})`, () => {
    beforeAll(() => {
      mode = m;
    });

    it('caps the file list with a warning', async () => {
      const r = await walk(
        await tarOf(Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, content: '' }))),
        {},
        { maxFileRecords: 5 },
      );
      expect(r.entries).toHaveLength(5);
      expect(r.entriesTruncated).toBe(true);
      expect(r.fileCount).toBe(30);
    });
    it('never reads more than maxFileBytes of one file', async () => {
      let seen = -1;
      const a: Analyzer = {
        type: 'all',
        version: 1,
        required: () => true,
        analyze: ({ content }) => ((seen = content.length), {}),
      };
      const r = await walk(
        await tarOf([
          { name: 'big', content: Buffer.alloc(5000) },
          { name: 'small', content: 'ab' },
        ]),
        {},
        { maxFileBytes: 4096 },
        [a],
      );
      expect(seen).toBe(2);
      expect(r.warnings.join()).toContain('/big is 5000 bytes');
    });
  });
}
