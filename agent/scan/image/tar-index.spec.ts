import { describe, expect, it } from 'vitest';
import { tarOf } from '../../../test/fixtures/image/build-layers';
import { indexTar, resolveMember } from './tar-index';
import { ImageInputError } from './types';

const reader = (buf: Buffer) => (off: number, len: number) => buf.subarray(off, off + len);
// Async so that a refusal reads as a rejected promise in the assertions below.
const index = async (buf: Buffer, max?: number) => indexTar(reader(buf), buf.length, 'x.tar', max);

describe('indexTar', () => {
  it('finds offsets of ustar, pax long-name and prefixed members', async () => {
    const long = `${'d'.repeat(120)}/${'f'.repeat(120)}.json`;
    const buf = await tarOf([
      { name: './manifest.json', content: '[1]' },
      { name: long, content: 'long' },
      { name: 'a/layer.tar', content: 'layer-bytes' },
      { name: 'b/layer.tar', type: 'symlink', linkname: '../a/layer.tar' },
    ]);
    const idx = await index(buf);
    const m = idx.get('manifest.json');
    expect(buf.subarray(m!.offset, m!.offset + m!.size).toString()).toBe('[1]');
    const l = idx.get(long);
    expect(buf.subarray(l!.offset, l!.offset + l!.size).toString()).toBe('long');
    const r = resolveMember(idx, 'b/layer.tar', 'x.tar');
    expect(buf.subarray(r.offset, r.offset + r.size).toString()).toBe('layer-bytes');
  });

  it('refuses garbage, truncation, traversal, symlink loops and too many members', async () => {
    const ok = await tarOf([{ name: 'a', content: 'x'.repeat(1000) }]);
    await expect(index(Buffer.alloc(1024, 7))).rejects.toThrow(/x\.tar: not a tar archive/);
    await expect(index(ok.subarray(0, 800))).rejects.toThrow(/x\.tar: member at offset 0 runs past the end/);
    await expect(index(ok.subarray(0, 300))).rejects.toThrow(/truncated archive/);
    await expect(index(await tarOf([{ name: '../../etc/x', content: '' }]))).rejects.toThrow(ImageInputError);
    const loop = await index(
      await tarOf([
        { name: 'l1', type: 'symlink', linkname: 'l2' },
        { name: 'l2', type: 'symlink', linkname: 'l1' },
      ]),
    );
    expect(() => resolveMember(loop, 'l1', 'x.tar')).toThrow(/symlink loop/);
    const esc = await index(await tarOf([{ name: 'l', type: 'symlink', linkname: '../../../etc/passwd' }]));
    expect(() => resolveMember(esc, 'l', 'x.tar')).toThrow(/escapes the archive root/);
    const many = await tarOf(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, content: '' })));
    await expect(index(many, 3)).rejects.toThrow(/more than 3 members/);
  });
});
