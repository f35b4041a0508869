import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testAnalyzers } from '../../../test/fixtures/image/build-layers';
import { scanImage } from '../scan-image';
import { openRootfsDir } from './rootfs-dir';
import { ImageInputError } from './types';

async function makeRoot(): Promise<{ root: string; outside: string }> {
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'moat-rootfs-'));
  const root = path.join(base, 'root');
  const outside = path.join(base, 'outside');
  await fs.mkdir(path.join(root, 'etc'), { recursive: true });
  await fs.mkdir(path.join(root, 'pkgs'), { recursive: true });
  await fs.mkdir(path.join(root, 'proc'), { recursive: true });
  await fs.mkdir(path.join(outside, 'pkgs'), { recursive: true });
  await fs.writeFile(path.join(root, 'etc/os-release'), 'ID=hostos\nVERSION_ID=5\n');
  await fs.writeFile(path.join(root, 'pkgs/list'), 'a@1\nb@2\n');
  await fs.writeFile(path.join(root, 'proc/pkgs-should-not-count@1'), '');
  await fs.writeFile(path.join(outside, 'pkgs/evil@9'), '');
  await fs.writeFile(path.join(root, 'setuid-tool'), 'x', { mode: 0o755 });
  await fs.chmod(path.join(root, 'setuid-tool'), 0o4755);
  await fs.symlink(outside, path.join(root, 'escape'));
  await fs.symlink(path.join(outside, 'pkgs/evil@9'), path.join(root, 'pkgs/evil@9'));
  return { root, outside };
}

describe('openRootfsDir', () => {
  it('walks a directory as one layer without following symlinks or entering /proc', async () => {
    const { root } = await makeRoot();
    const inv = await scanImage(await openRootfsDir(root), { analyzers: testAnalyzers, collectFiles: true });
    expect(inv.os).toEqual({ family: 'hostos', release: '5' });
    expect(inv.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['a@1', 'b@2']);
    expect(inv.layers).toHaveLength(1);
    const files = inv.files ?? [];
    expect(files.find((f) => f.path === '/setuid-tool')?.mode).toBe(0o4755);
    expect(files.find((f) => f.path === '/escape')).toMatchObject({ type: 'symlink' });
    expect(files.find((f) => f.path === '/pkgs/evil@9')).toMatchObject({ type: 'symlink' });
    expect(files.some((f) => f.path.startsWith('/proc/') || f.path.startsWith('/escape/'))).toBe(false);
  });

  it('is bounded: stops after maxEntries with a warning', async () => {
    const { root } = await makeRoot();
    const inv = await scanImage(await openRootfsDir(root, { maxEntries: 3 }), {
      analyzers: testAnalyzers,
      collectFiles: true,
    });
    expect(inv.files).toHaveLength(3);
    expect(inv.warnings.join()).toContain('stopped after 3 entries');
  });

  it('refuses a path that is not a directory', async () => {
    const { root } = await makeRoot();
    const file = path.join(root, 'etc/os-release');
    await expect(openRootfsDir(file)).rejects.toThrow(ImageInputError);
    await expect(openRootfsDir(file)).rejects.toThrow(`${file}: not a directory`);
  });
});
