// A plain directory (e.g. "/" for a host scan) presented as one layer, walked without building a tar.
import { createHash } from 'node:crypto';
import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import { ImageInputError, type ImageSource, type LayerTree, type TreeEntry } from './types';

export interface RootfsOptions {
  /** Stop after this many entries (with a warning) so a huge host stays bounded. */
  maxEntries?: number;
  /** Top-level directories not walked: pseudo filesystems on a host. */
  skipTop?: string[];
}

const ARCH: Record<string, string> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: '386',
  ppc64: 'ppc64le',
  s390x: 's390x',
};

export async function openRootfsDir(dir: string, opts: RootfsOptions = {}): Promise<ImageSource> {
  const root = path.resolve(dir);
  const st = await fs.stat(root).catch(() => null);
  if (!st?.isDirectory()) throw new ImageInputError(`${dir}: not a directory`);
  const id = `sha256:${createHash('sha256').update(`rootfs:${root}`).digest('hex')}`;
  return {
    ref: root,
    id,
    cacheable: false,
    config: {
      repoTags: [],
      repoDigests: [],
      architecture: ARCH[process.arch] ?? process.arch,
      os: 'linux',
      user: '',
      env: [],
      entrypoint: [],
      cmd: [],
      workingDir: '/',
      exposedPorts: [],
      labels: {},
      history: [],
      diffIds: [],
    },
    async *layers(): AsyncGenerator<LayerTree> {
      const warnings: string[] = [];
      yield {
        kind: 'tree',
        index: 0,
        diffId: id,
        createdBy: `root filesystem ${root}`,
        name: root,
        entries: walk(root, st.dev, opts, warnings),
        warnings,
      };
    },
  };
}

async function* walk(
  root: string,
  dev: number,
  opts: RootfsOptions,
  warnings: string[],
): AsyncGenerator<TreeEntry> {
  const skip = new Set(opts.skipTop ?? ['proc', 'sys', 'dev']);
  const max = opts.maxEntries ?? 1_000_000;
  const stack: string[] = ['/'];
  let count = 0;
  while (stack.length > 0) {
    const rel = stack.pop() as string;
    let names: string[];
    try {
      names = (await fs.readdir(path.join(root, rel))).sort().reverse();
    } catch (e) {
      warnings.push(`${root}: cannot list ${rel} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      continue;
    }
    for (const name of names) {
      if (rel === '/' && skip.has(name)) continue;
      const p = rel === '/' ? `/${name}` : `${rel}/${name}`;
      const abs = path.join(root, p);
      const st = await fs.lstat(abs).catch(() => null);
      if (!st) continue; // vanished while walking a live filesystem
      if (++count > max) {
        warnings.push(`${root}: stopped after ${max} entries (limit)`);
        return;
      }
      const e = await toEntry(p, abs, st);
      yield e;
      // Never follow symlinks and stay on the root's filesystem (no /mnt shares, no nested mounts).
      if (st.isDirectory() && st.dev === dev) stack.push(p);
    }
  }
}

async function toEntry(p: string, abs: string, st: Stats): Promise<TreeEntry> {
  const type: TreeEntry['type'] = st.isFile()
    ? 'file'
    : st.isSymbolicLink()
      ? 'symlink'
      : st.isDirectory()
        ? 'directory'
        : 'other';
  const linkname = type === 'symlink' ? await fs.readlink(abs).catch(() => '') : undefined;
  return {
    path: p,
    type,
    mode: st.mode & 0o7777,
    size: type === 'file' ? st.size : 0,
    uid: st.uid,
    gid: st.gid,
    ...(linkname !== undefined ? { linkname } : {}),
    read: (max) => readUpTo(abs, max),
  };
}

async function readUpTo(abs: string, max: number): Promise<Buffer> {
  // O_NOFOLLOW: the path was a regular file when listed; refuse if it was swapped for a symlink since.
  const fh = await fs.open(abs, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  try {
    const buf = Buffer.alloc(max);
    let off = 0;
    while (off < max) {
      const { bytesRead } = await fh.read(buf, off, max - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return buf.subarray(0, off);
  } finally {
    await fh.close();
  }
}
