import { describe, expect, it } from 'vitest';
import { tarHeaders } from './tar-headers';
import { ImageInputError } from './types';

/** A ustar header whose numeric fields are written exactly as given (the checksum is made to fit). */
function header(fields: {
  name: string;
  mode: string;
  uid: string;
  size: string;
  magic?: string;
  prefix?: string;
}): Buffer {
  const h = Buffer.alloc(512);
  h.write(fields.name, 0, 'latin1');
  if (fields.prefix) h.write(fields.prefix, 345, 'latin1');
  h.write(fields.mode, 100, 'latin1');
  h.write(fields.uid, 108, 'latin1');
  h.write('0000000\0', 116, 'latin1');
  h.write(fields.size, 124, 'latin1');
  h.write('00000000000\0', 136, 'latin1');
  h.write('0', 156, 'latin1');
  h.write(fields.magic ?? 'ustar\x0000', 257, 'latin1');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

async function first(h: Buffer, data = Buffer.alloc(512)) {
  const tar = Buffer.concat([h, data, Buffer.alloc(1024)]);
  const read = (off: number, len: number): Buffer => tar.subarray(off, off + len);
  for (const m of tarHeaders(read, tar.length, 'x.tar', 10)) return m;
  return undefined;
}

describe('tarHeaders numeric fields', () => {
  it('reads octal padded with zeros, spaces or NULs, ignoring what follows a NUL', async () => {
    const m = await first(
      header({ name: 'a', mode: ' 755 \0\0\0', uid: '0001750\0', size: '00000000005\0' }),
    );
    expect(m).toMatchObject({ name: 'a', mode: 0o755, uid: 0o1750, size: 5 });
    const junk = await first(header({ name: 'b', mode: '644\0zzzz', uid: '\0\0\0\0\0\0\0\0', size: '5 \0' }));
    expect(junk).toMatchObject({ mode: 0o644, uid: 0, size: 5 });
  });

  it('refuses a digit that is not octal, naming the field and offset', async () => {
    const err = await first(header({ name: 'c', mode: '0000694\0', uid: '0\0', size: '0\0' })).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(ImageInputError);
    expect((err as Error).message).toBe('x.tar: bad mode field at offset 0');
  });

  it('refuses a checksum field that is not a number as a bad checksum', async () => {
    const h = header({ name: 'd', mode: '0\0', uid: '0\0', size: '0\0' });
    h.write('12x4\0 ', 148, 'latin1');
    await expect(first(h)).rejects.toThrow(/x\.tar: not a tar archive \(bad header checksum at offset 0\)/);
  });

  it('joins the ustar prefix only for ustar headers', async () => {
    const h = header({ name: 'file', mode: '0\0', uid: '0\0', size: '0\0', prefix: 'some/dir' });
    expect((await first(h))?.name).toBe('some/dir/file');
    const v7 = header({
      name: 'file',
      mode: '0\0',
      uid: '0\0',
      size: '0\0',
      magic: '\0'.repeat(8),
      prefix: 'x',
    });
    expect((await first(v7))?.name).toBe('file');
  });
});

describe('tarHeaders end of archive', () => {
  const member = (name: string): Buffer =>
    Buffer.concat([
      header({ name, mode: '644\0', uid: '0\0', size: '1\0' }),
      Buffer.from('x'),
      Buffer.alloc(511),
    ]);
  const names = (tar: Buffer): string[] => {
    const read = (off: number, len: number): Buffer => tar.subarray(off, off + len);
    return [...tarHeaders(read, tar.length, 'x.tar', 10)].map((m) => m.name);
  };
  const zero = Buffer.alloc(512);

  it('ends at two zero blocks, ignoring what follows them, or at one that ends the file', () => {
    expect(names(Buffer.concat([member('a'), zero, zero, Buffer.alloc(512, 0x41)]))).toEqual(['a']);
    expect(names(Buffer.concat([member('a'), zero]))).toEqual(['a']);
  });

  it('refuses members hidden after a lone zero block (Docker refuses such a layer too)', () => {
    expect(() => names(Buffer.concat([member('a'), zero, member('hidden'), zero, zero]))).toThrow(
      'x.tar: data after an end-of-archive block at offset 1024 (not a valid tar)',
    );
  });
});
