import { describe, it, expect } from 'vitest';
import { buildElf64, goBuildInfoInline, goBuildInfoPointerElf } from '../../../test/fixtures/lang/builders';
import {
  goBuildInfoFromParts,
  goToolchainVersion,
  parseGoBuildInfo,
  parseModInfo,
} from './lang-go-buildinfo';

const MODINFO = [
  'path\texample.com/app/cmd/app',
  'mod\texample.com/app\tv1.4.0\th1:abc=',
  'dep\tgithub.com/google/uuid\tv1.3.0\th1:t6JiXgmwXMjEs8VusXIJk2BXHsn+wx8BZdTaoZ5fu7I=',
  'dep\tgolang.org/x/net\tv0.7.0\th1:old=',
  '=>\tgolang.org/x/net\tv0.17.0\th1:new=',
  'dep\texample.com/local\tv0.0.0',
  '=>\t../local\t',
  'build\t-compiler=gc',
  '',
].join('\n');

describe('parseGoBuildInfo', () => {
  it('decodes the inline (Go >= 1.18) layout found by section name', () => {
    const elf = buildElf64([
      { name: '.text', data: Buffer.alloc(64, 0x90), addr: 0x400n },
      { name: '.go.buildinfo', data: goBuildInfoInline('go1.21.5', MODINFO), addr: 0x1000n },
    ]);
    const info = parseGoBuildInfo(elf, '/app');
    expect(info?.goVersion).toBe('go1.21.5');
    expect(info?.main).toEqual({ name: 'example.com/app', version: 'v1.4.0', licenses: [] });
    expect(info?.deps.map((d) => `${d.name}@${d.version}`)).toEqual([
      'github.com/google/uuid@v1.3.0',
      'golang.org/x/net@v0.17.0',
      'example.com/local@v0.0.0',
    ]);
  });

  it('finds the block by scanning when there is no .go.buildinfo section but the binary is Go-made', () => {
    const data = Buffer.concat([Buffer.alloc(48), goBuildInfoInline('go1.20.1', MODINFO)]);
    const elf = buildElf64([
      { name: '.gopclntab', data: Buffer.alloc(32, 1) },
      { name: '.data', data },
    ]);
    expect(parseGoBuildInfo(elf, '/app')?.goVersion).toBe('go1.20.1');
    const noteOnly = buildElf64([
      { name: '.note.go.buildid', data: Buffer.alloc(32, 1) },
      { name: '.data', data },
    ]);
    expect(parseGoBuildInfo(noteOnly, '/app')?.goVersion).toBe('go1.20.1');
  });

  it('does not search a binary without Go sections (a C program that merely holds the bytes)', () => {
    const data = Buffer.concat([Buffer.alloc(48), goBuildInfoInline('go1.20.1', MODINFO)]);
    expect(parseGoBuildInfo(buildElf64([{ name: '.data', data }]), '/usr/bin/strings')).toBeUndefined();
  });

  it('scans the data between and after code sections when there is no .go.buildinfo section', () => {
    const code = (n: number): Buffer => Buffer.alloc(n, 0x90);
    const elf = buildElf64([
      { name: '.init', data: code(64), flags: 0x6 },
      { name: '.rodata', data: Buffer.alloc(96, 7) },
      { name: '.text', data: code(4096), flags: 0x6 },
      { name: '.gopclntab', data: Buffer.alloc(32, 1) },
      { name: '.data', data: Buffer.concat([Buffer.alloc(32), goBuildInfoInline('go1.19.3', MODINFO)]) },
    ]);
    expect(parseGoBuildInfo(elf, '/app')?.goVersion).toBe('go1.19.3');
    const between = buildElf64([
      { name: '.text', data: code(256), flags: 0x6 },
      { name: '.noptrdata', data: goBuildInfoInline('go1.17.2', MODINFO) },
      { name: '.fini', data: code(64), flags: 0x6 },
    ]);
    expect(parseGoBuildInfo(between, '/app')?.goVersion).toBe('go1.17.2');
  });

  it('follows the pointers of the pre-1.18 layout', () => {
    const info = parseGoBuildInfo(goBuildInfoPointerElf('go1.16.15', MODINFO), '/old');
    expect(info?.goVersion).toBe('go1.16.15');
    expect(info?.main?.name).toBe('example.com/app');
    expect(info?.deps).toHaveLength(3);
  });

  it('returns undefined for an ELF without build info', () => {
    expect(
      parseGoBuildInfo(buildElf64([{ name: '.text', data: Buffer.alloc(128, 1) }]), '/bin/true'),
    ).toBeUndefined();
  });

  it('rejects a build-info string that claims to run past the end of the file', () => {
    const block = goBuildInfoInline('go1.21.5', MODINFO);
    const truncated = block.subarray(0, 50);
    const elf = buildElf64([{ name: '.go.buildinfo', data: truncated }]);
    expect(() => parseGoBuildInfo(elf, '/cut')).toThrow(/\/cut: Go build info string .* runs past the end/);
  });

  it('rejects pointers that lead outside every section', () => {
    const elf = goBuildInfoPointerElf('go1.16', MODINFO);
    const at = elf.indexOf(Buffer.from('\xff Go buildinf:', 'latin1'));
    elf.writeBigUInt64LE(0xdead0000n, at + 16);
    expect(() => parseGoBuildInfo(elf, '/bad')).toThrow(/\/bad: Go build info points outside/);
  });

  it('rejects a section table that lies outside the file', () => {
    const elf = buildElf64([{ name: '.text', data: Buffer.alloc(16) }]);
    elf.writeBigUInt64LE(BigInt(elf.length * 4), 0x28);
    expect(() => parseGoBuildInfo(elf, '/broken')).toThrow(/\/broken: ELF section table/);
  });

  it('throws "not an ELF file" for garbage', () => {
    expect(() => parseGoBuildInfo(Buffer.from('garbage'.repeat(20)), '/g')).toThrow(/\/g: not an ELF file/);
  });
});

describe('parseModInfo and goToolchainVersion', () => {
  it('skips a (devel) main module and keeps deps', () => {
    const r = parseModInfo('path\tx\nmod\texample.com/x\t(devel)\t\ndep\ta.b/c\tv1.0.0\th1:x=\n');
    expect(r.main).toBeUndefined();
    expect(r.deps).toEqual([{ name: 'a.b/c', version: 'v1.0.0', licenses: [] }]);
  });

  it('maps toolchain strings to stdlib versions', () => {
    expect(goToolchainVersion('go1.21.5')).toBe('1.21.5');
    expect(goToolchainVersion('go1.22.0 X:boringcrypto')).toBe('1.22.0');
    expect(goToolchainVersion('go1.21rc2')).toBe('1.21rc2');
    expect(goToolchainVersion('devel go1.23-abcdef')).toBeUndefined();
  });
});

describe('goBuildInfoFromParts', () => {
  const counting = (bytes: Buffer) => {
    const reads: number[] = [];
    const read = (offset: number, length: number): Buffer => {
      reads.push(length);
      return bytes.subarray(offset, offset + length);
    };
    return { reads, read };
  };

  it('reads only the ELF tables and .go.buildinfo of a big Go >= 1.18 binary', () => {
    const elf = buildElf64([
      { name: '.text', data: Buffer.alloc(1_000_000, 0x90), flags: 0x6 },
      { name: '.go.buildinfo', data: goBuildInfoInline('go1.22.1', MODINFO) },
    ]);
    const { reads, read } = counting(elf);
    const info = goBuildInfoFromParts(read, elf.length, '/app');
    expect(info).toEqual(parseGoBuildInfo(elf, '/app'));
    expect(reads.reduce((a, b) => a + b, 0)).toBeLessThan(4096);
  });

  it('stops at the section table of a binary Go did not make', () => {
    const elf = buildElf64([{ name: '.text', data: Buffer.alloc(1_000_000, 0x90), flags: 0x6 }]);
    const { reads, read } = counting(elf);
    expect(goBuildInfoFromParts(read, elf.length, '/bin/c')).toBeUndefined();
    expect(reads.reduce((a, b) => a + b, 0)).toBeLessThan(4096);
  });

  it('asks for the whole file where only that can tell (pointer layout, no section in a Go binary)', () => {
    const old = goBuildInfoPointerElf('go1.16.15', MODINFO);
    expect(goBuildInfoFromParts(counting(old).read, old.length, '/old')).toBe('whole');
    const noSection = buildElf64([
      { name: '.gopclntab', data: Buffer.alloc(32, 1) },
      { name: '.data', data: goBuildInfoInline('go1.20.1', MODINFO) },
    ]);
    expect(goBuildInfoFromParts(counting(noSection).read, noSection.length, '/app')).toBe('whole');
  });
});
