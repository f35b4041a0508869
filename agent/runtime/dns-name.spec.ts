import { describe, expect, it } from 'vitest';
import { decodeQname, unescapeBpftraceBuf } from './dns-name';

describe('unescapeBpftraceBuf', () => {
  it('reads \\xHH escapes and literal printable bytes', () => {
    expect(Array.from(unescapeBpftraceBuf('\\x07ab\\x00'))).toEqual([7, 97, 98, 0]);
  });
  it('keeps a backslash that is not an escape', () => {
    expect(Array.from(unescapeBpftraceBuf('\\8\\xZZ'))).toEqual([92, 56, 92, 120, 90, 90]);
  });
});

describe('decodeQname', () => {
  it('decodes the question bpftrace printed for example.com', () => {
    const raw = '\\x07example\\x03com\\x00\\x00\\x01\\x00\\x01\\x00\\x00';
    expect(decodeQname(unescapeBpftraceBuf(raw))).toBe('example.com');
  });
  it('marks a name cut by the capture length', () => {
    const b = Uint8Array.from([5, ...Buffer.from('hello'), 10, ...Buffer.from('abc')]);
    expect(decodeQname(b)).toBe('hello.abc…');
  });
  it('refuses compression pointers, binary labels, empty and garbage input', () => {
    expect(decodeQname(Uint8Array.from([0xc0, 0x0c]))).toBeUndefined();
    expect(decodeQname(Uint8Array.from([3, 1, 2, 3, 0]))).toBeUndefined();
    expect(decodeQname(Uint8Array.from([0]))).toBeUndefined();
    expect(decodeQname(new Uint8Array(0))).toBeUndefined();
  });
  it('refuses a name longer than DNS allows', () => {
    const parts: number[] = [];
    for (let i = 0; i < 10; i++) parts.push(40, ...Buffer.from('a'.repeat(40)));
    parts.push(0);
    expect(decodeQname(Uint8Array.from(parts))).toBeUndefined();
  });
  it('never throws on random bytes', () => {
    for (let n = 0; n < 200; n++) {
      const b = Uint8Array.from({ length: (n * 7) % 80 }, (_, i) => (i * 31 + n * 17) & 0xff);
      const r = decodeQname(b);
      expect(r === undefined || typeof r === 'string').toBe(true);
    }
  });
});
