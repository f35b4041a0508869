import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { testdata } from '../../../test/setup/testdata';
import { parseApkInstalled } from './apk-installed';

const read = (dir: string): string => readFileSync(testdata('fixtures/apk', dir, 'installed'), 'utf8');

describe('parseApkInstalled on real databases', () => {
  it('reads the 14 packages of alpine 3.10 with versions, origins and licenses', () => {
    const records = parseApkInstalled(read('alpine-3.10'));
    expect(records).toHaveLength(14);
    const byName = new Map(records.map((r) => [r.name, r]));
    expect(byName.get('musl')).toMatchObject({
      version: '1.1.22-r3',
      arch: 'x86_64',
      origin: 'musl',
      license: 'MIT',
    });
    expect(byName.get('busybox')?.version).toBe('1.30.1-r3');
    expect(byName.get('libssl1.1')).toMatchObject({
      version: '1.1.1d-r2',
      origin: 'openssl',
      license: 'OpenSSL',
    });
    expect(byName.get('libcrypto1.1')).toMatchObject({ version: '1.1.1d-r2', origin: 'openssl' });
    expect(byName.get('zlib')?.version).toBe('1.2.11-r1');
    expect(byName.get('apk-tools')?.version).toBe('2.10.4-r2');
    expect(byName.get('libc-utils')?.origin).toBe('libc-dev');
    expect(byName.get('musl-utils')?.license).toBe('MIT BSD GPL2+');
  });

  it('records each package file with its checksum under the F: directory', () => {
    const musl = parseApkInstalled(read('alpine-3.10')).find((r) => r.name === 'musl');
    expect(musl?.files).toEqual([
      { path: '/lib/libc.musl-x86_64.so.1', checksum: 'Q17yJ3JFNypA4mxhJJr0ou6CzsJVI=' },
      { path: '/lib/ld-musl-x86_64.so.1', checksum: 'Q1TTLtUopPeiF9JrA0cgKQZYggG+c=' },
    ]);
    expect(musl?.dirs).toEqual(['/lib', '/usr', '/usr/lib']);
    expect(musl?.provides).toEqual(['so:libc.musl-x86_64.so.1=1']);
    expect(musl?.buildTime).toBe(1565162130);
  });

  it('reads alpine 3.11 and 3.18', () => {
    const v311 = new Map(parseApkInstalled(read('alpine-3.11')).map((r) => [r.name, r.version]));
    expect(v311.size).toBe(14);
    expect(v311.get('libssl1.1')).toBe('1.1.1d-r3');
    expect(v311.get('musl')).toBe('1.1.24-r2');
    expect(v311.get('busybox')).toBe('1.31.1-r9');
    const v318 = new Map(parseApkInstalled(read('alpine-3.18')).map((r) => [r.name, r.version]));
    expect(v318.size).toBe(15);
    expect(v318.get('musl')).toBe('1.2.4-r0');
    expect(v318.get('libssl3')).toBe('3.1.0-r4');
    expect(v318.get('alpine-baselayout')).toBe('3.4.3-r1');
  });

  it('reads the single-stanza aarch64 file that has no trailing newline', () => {
    const text = read('alpine-3.17-minimal-aarch64');
    expect(text.endsWith('\n')).toBe(false);
    const records = parseApkInstalled(text);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ name: 'musl', version: '1.2.3-r5', arch: 'aarch64', origin: 'musl' });
    // The last line of the file is a Z: for the last file; it must not be lost at end of input.
    expect(records[0].files.at(-1)?.checksum).toBe('Q14RpiCEfZIqcg1XDcVqp8QEpc9ks=');
  });
});

describe('parseApkInstalled on crafted and hostile input', () => {
  it('handles CRLF, several blank lines and files at the root', () => {
    const text = 'P:a\r\nV:1-r0\r\nR:topfile\r\n\r\n\r\n\r\nP:b\r\nV:2-r0\r\n';
    expect(parseApkInstalled(text).map((r) => [r.name, r.version, r.files.map((f) => f.path)])).toEqual([
      ['a', '1-r0', ['/topfile']],
      ['b', '2-r0', []],
    ]);
  });

  it('drops stanzas without P: or V: and ignores malformed lines', () => {
    const text = 'V:1.0-r0\nA:x86_64\n\nP:noversion\n\ngarbage line\nP:ok\nxx\n:\nV:3-r1\n';
    expect(parseApkInstalled(text).map((r) => r.name)).toEqual(['ok']);
  });

  it('refuses binary garbage with a named error', () => {
    const garbage = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x50, 0x3a, 0xff]).toString('latin1');
    expect(() => parseApkInstalled(garbage, '/lib/apk/db/installed')).toThrow(
      '/lib/apk/db/installed: binary data (NUL byte at offset 3)',
    );
  });

  it('returns nothing for empty input and survives a 50 MB line', () => {
    expect(parseApkInstalled('')).toEqual([]);
    const huge = 'P:big\nV:1-r0\nT:' + 'x'.repeat(50 * 1024 * 1024) + '\n\nP:next\nV:2-r0\n';
    const records = parseApkInstalled(huge);
    expect(records.map((r) => r.name)).toEqual(['big', 'next']);
    expect(records[0].description?.length).toBe(50 * 1024 * 1024);
  });

  it('does not let a checksum attach to a file of the previous stanza', () => {
    const text = 'P:a\nV:1\nF:bin\nR:x\n\nP:b\nV:1\nZ:Q1stray=\nF:usr\nZ:Q1dir=\n';
    const [a, b] = parseApkInstalled(text);
    expect(a.files).toEqual([{ path: '/bin/x' }]);
    expect(b.files).toEqual([]);
  });
});
