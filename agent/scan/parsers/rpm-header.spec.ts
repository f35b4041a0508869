import { describe, it, expect } from 'vitest';
import { encodeRpmHeader, packageHeader } from '../../../test/fixtures/ospkg/rpm-header-encoder';
import {
  RPMTAG,
  parseRpmHeader,
  parseRpmPackage,
  parseSourceRpm,
  rpmEvr,
  rpmInt32,
  rpmString,
  rpmStringArray,
} from './rpm-header';

const openssl = packageHeader({
  name: 'openssl-libs',
  version: '3.0.7',
  release: '24.el9',
  epoch: 1,
  arch: 'x86_64',
  license: 'ASL 2.0',
  sourceRpm: 'openssl-3.0.7-24.el9.src.rpm',
});

describe('parseRpmPackage known answers', () => {
  it('reads name, version, release, epoch, arch, license and source rpm', () => {
    expect(parseRpmPackage(openssl)).toEqual({
      name: 'openssl-libs',
      version: '3.0.7',
      release: '24.el9',
      epoch: 1,
      arch: 'x86_64',
      license: 'ASL 2.0',
      sourceRpm: 'openssl-3.0.7-24.el9.src.rpm',
    });
  });

  it('accepts a header that still carries the 8-byte header magic', () => {
    const withMagic = Buffer.concat([Buffer.from([0x8e, 0xad, 0xe8, 0x01, 0, 0, 0, 0]), openssl]);
    expect(parseRpmPackage(withMagic).name).toBe('openssl-libs');
  });

  it('reads string arrays, i18n strings and int32 arrays', () => {
    const h = parseRpmHeader(
      encodeRpmHeader([
        { tag: 1004, kind: 'i18n', value: ['C summary', 'de Zusammenfassung'] },
        { tag: 1117, kind: 'stringArray', value: ['a', 'bé', ''] },
        { tag: 1028, kind: 'int32', value: [1, -1, 2147483647] },
      ]),
    );
    expect(rpmString(h, RPMTAG.SUMMARY)).toBe('C summary');
    expect(rpmStringArray(h, 1117)).toEqual(['a', 'bé', '']);
    expect(rpmInt32(h, 1028)).toEqual([1, -1, 2147483647]);
    expect(rpmString(h, RPMTAG.NAME)).toBeUndefined();
  });

  it('formats [epoch:]version-release and splits source rpm names', () => {
    expect(rpmEvr({ epoch: 1, version: '3.0.7', release: '24.el9' })).toBe('1:3.0.7-24.el9');
    expect(rpmEvr({ version: '2.34', release: '83.el9' })).toBe('2.34-83.el9');
    expect(parseSourceRpm('openssl-3.0.7-24.el9.src.rpm')).toEqual({
      name: 'openssl',
      version: '3.0.7',
      release: '24.el9',
    });
    expect(parseSourceRpm('python3-pip-21.2.3-7.el9.nosrc.rpm')).toEqual({
      name: 'python3-pip',
      version: '21.2.3',
      release: '7.el9',
    });
    expect(parseSourceRpm('noversion.src.rpm')).toBeUndefined();
    expect(parseSourceRpm('a-1-2.rpm')).toBeUndefined();
  });
});

describe('parseRpmHeader hostile input', () => {
  it('rejects blobs too short for the preamble', () => {
    expect(() => parseRpmHeader(Buffer.alloc(3), 'Packages hnum 7')).toThrow(
      'Packages hnum 7: 3 bytes is too short',
    );
  });

  it('rejects an index count larger than the blob', () => {
    const truncated = Buffer.from(openssl.subarray(0, openssl.length - 5));
    expect(() => parseRpmHeader(truncated, 'hdr')).toThrow(
      /hdr: truncated: index count 9 and data length \d+ need \d+ bytes, blob has \d+/,
    );
    const lying = Buffer.from(openssl);
    lying.writeUInt32BE(5000, 0);
    expect(() => parseRpmHeader(lying)).toThrow(/truncated: index count 5000/);
  });

  it('rejects zero and huge index counts and data lengths', () => {
    const zero = Buffer.alloc(8);
    expect(() => parseRpmHeader(zero)).toThrow(/index count 0 is out of range/);
    const huge = Buffer.from(openssl);
    huge.writeUInt32BE(0xffffffff, 0);
    expect(() => parseRpmHeader(huge)).toThrow(/index count 4294967295 is out of range/);
    const bigData = Buffer.from(openssl);
    bigData.writeUInt32BE(0x7fffffff, 4);
    expect(() => parseRpmHeader(bigData)).toThrow(/data length 2147483647 exceeds/);
  });

  it('rejects negative and out-of-range offsets when the tag is read', () => {
    const negative = Buffer.from(openssl);
    negative.writeInt32BE(-4, 8 + 1 * 16 + 8); // entry 1 is NAME
    expect(() => parseRpmPackage(negative, 'hdr')).toThrow('hdr: tag 1000 offset -4 (+1 bytes) lies outside');
    const far = Buffer.from(openssl);
    far.writeInt32BE(0x7ffffff0, 8 + 1 * 16 + 8);
    expect(() => parseRpmPackage(far)).toThrow(/tag 1000 offset 2147483632/);
  });

  it('rejects strings without a terminating NUL and lying array counts', () => {
    const noNul = encodeRpmHeader([{ tag: 1000, kind: 'bin', value: Buffer.from('abc') }]);
    noNul.writeUInt32BE(6, 8 + 4); // relabel BIN as STRING
    expect(() => rpmString(parseRpmHeader(noNul), 1000)).toThrow(
      /tag 1000 string at offset 0 has no terminating NUL/,
    );
    const arr = encodeRpmHeader([{ tag: 1117, kind: 'stringArray', value: ['a'] }]);
    arr.writeUInt32BE(1_000_000, 8 + 12);
    expect(() => rpmStringArray(parseRpmHeader(arr), 1117)).toThrow(/count 1000000 exceeds the data store/);
    const ints = encodeRpmHeader([{ tag: 1003, kind: 'int32', value: [1] }]);
    ints.writeUInt32BE(3, 8 + 12);
    expect(() => rpmInt32(parseRpmHeader(ints), 1003)).toThrow(/count 3 is out of range/);
  });

  it('rejects wrong types and headers without a name', () => {
    const wrong = encodeRpmHeader([{ tag: 1000, kind: 'int32', value: [5] }]);
    expect(() => parseRpmPackage(wrong, 'hdr')).toThrow('hdr: tag 1000 has type 4, expected a string');
    const nameless = encodeRpmHeader([{ tag: 1001, kind: 'string', value: '1' }]);
    expect(() => parseRpmPackage(nameless, 'hdr')).toThrow('hdr: header lacks NAME');
  });

  it('never throws anything but a named Error on random bytes', () => {
    let seed = 12345;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 256;
    let rejected = 0;
    for (let n = 0; n < 300; n++) {
      const blob = Buffer.from(Array.from({ length: 8 + (n % 64) }, rand));
      if (n % 3 === 0) blob.writeUInt32BE(1 + (n % 4), 0);
      if (n % 3 === 0) blob.writeUInt32BE(n % 40, 4);
      try {
        expect(typeof parseRpmPackage(blob, `random ${n}`).name).toBe('string');
      } catch (err) {
        rejected++;
        expect(err).toBeInstanceOf(Error);
        expect((err as Error).message).toMatch(new RegExp(`^random ${n}: `));
      }
    }
    expect(rejected).toBeGreaterThan(250);
  });
});
