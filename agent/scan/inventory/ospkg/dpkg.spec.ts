import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AnalyzerInput } from '../../../model/analyzer';
import { dpkgAnalyzer } from './dpkg';
import { withDistro } from './os-purl';

const fixture = (p: string): Buffer =>
  readFileSync(path.resolve(__dirname, '../../../../test/fixtures/ospkg/dpkg', p));
const input = (p: string, content: Buffer): AnalyzerInput => ({
  path: p,
  size: content.length,
  mode: 0o644,
  content,
});
const meta = (p: string): { path: string; size: number; mode: number } => ({ path: p, size: 1, mode: 0o644 });

describe('dpkgAnalyzer', () => {
  it('claims the status file and status.d stanzas but not md5sums, status-old or info files', () => {
    for (const p of [
      '/var/lib/dpkg/status',
      '/var/lib/dpkg/status.d/libssl3',
      '/var/lib/dpkg/status.d/base',
    ]) {
      expect(dpkgAnalyzer.required(meta(p))).toBe(true);
    }
    for (const p of [
      '/var/lib/dpkg/status-old',
      '/var/lib/dpkg/status.d/libssl3.md5sums',
      '/var/lib/dpkg/status.d/',
      '/var/lib/dpkg/status.d/a/b',
      '/var/lib/dpkg/info/libc6:amd64.md5sums',
    ]) {
      expect(dpkgAnalyzer.required(meta(p))).toBe(false);
    }
  });

  it('reports only installed packages of the status file, with source, arch and purl', async () => {
    const { packages = [] } = await dpkgAnalyzer.analyze(input('/var/lib/dpkg/status', fixture('status')));
    expect(packages.map((p) => `${p.name}:${p.arch}`)).toEqual([
      'base-files:amd64',
      'bash:amd64',
      'libc6:amd64',
      'libc6:i386',
      'libcap2:amd64',
      'tzdata:all',
    ]);
    expect(packages.find((p) => p.name === 'bash')).toEqual({
      name: 'bash',
      version: '5.2.15-2+b8',
      ecosystem: 'deb',
      purl: 'pkg:deb/debian/bash@5.2.15-2%2Bb8?arch=amd64',
      sourceName: 'bash',
      sourceVersion: '5.2.15-2',
      licenses: [],
      arch: 'amd64',
      foundIn: '/var/lib/dpkg/status',
    });
    const cap = packages.find((p) => p.name === 'libcap2');
    expect(cap && withDistro(cap, { family: 'debian', release: '12', codename: 'bookworm' }).purl).toBe(
      'pkg:deb/debian/libcap2@1:2.66-4?arch=amd64&distro=debian-12',
    );
    const libc = packages.find((p) => p.arch === 'i386');
    expect(libc && withDistro(libc, { family: 'ubuntu', release: '22.04' }).purl).toBe(
      'pkg:deb/ubuntu/libc6@2.36-9%2Bdeb12u7?arch=i386&distro=ubuntu-22.04',
    );
  });

  it('treats distroless status.d stanzas as installed', async () => {
    const { packages = [] } = await dpkgAnalyzer.analyze(
      input('/var/lib/dpkg/status.d/libssl3', fixture('status.d/libssl3')),
    );
    expect(packages).toHaveLength(1);
    expect(packages[0]).toMatchObject({
      name: 'libssl3',
      version: '3.0.11-1~deb12u2',
      sourceName: 'openssl',
      sourceVersion: '3.0.11-1~deb12u2',
      purl: 'pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64',
      foundIn: '/var/lib/dpkg/status.d/libssl3',
    });
  });

  it('throws a named error for binary content', async () => {
    await expect(async () =>
      dpkgAnalyzer.analyze(input('/var/lib/dpkg/status', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00]))),
    ).rejects.toThrow(/\/var\/lib\/dpkg\/status: binary data/);
  });
});
