// Turns what a user typed (a path or an image name) into an image source, so the CLI and the console
// accept the same targets: OCI layout (dir or tar), docker-archive tar, root filesystem dir, daemon image.
import type Docker from 'dockerode';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dirStore, tarStore, type BlobStore } from './image/blob-store';
import { imageFromSaveStore } from './image/docker-archive';
import { openDockerDaemon } from './image/docker-daemon';
import { imageFromOciStore } from './image/oci-layout';
import { openRootfsDir, type RootfsOptions } from './image/rootfs-dir';
import { ImageInputError, type ImageSource } from './image/types';

export type SourceKind = 'oci-layout' | 'oci-archive' | 'docker-archive' | 'rootfs-dir' | 'docker-daemon';

export interface OpenedSource {
  kind: SourceKind;
  source: ImageSource;
}

export interface OpenSourceOptions {
  docker?: Docker;
  /** Which image of a multi-image archive or layout (repo tag / ref annotation). */
  ref?: string;
  rootfs?: RootfsOptions;
}

async function statOf(target: string): Promise<'file' | 'dir' | 'other' | null> {
  const st = await fs.stat(target).catch(() => null);
  if (!st) return null;
  return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
}

async function openArchive(target: string, opts: OpenSourceOptions): Promise<OpenedSource> {
  let store: BlobStore;
  try {
    store = await tarStore(target);
  } catch (e) {
    throw new ImageInputError(
      `${target}: is a file but not a readable tar image archive (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  if (await store.has('oci-layout')) {
    return { kind: 'oci-archive', source: await imageFromOciStore(store, refOpt(opts)) };
  }
  if (await store.has('manifest.json')) {
    return { kind: 'docker-archive', source: await imageFromSaveStore(store, opts.ref) };
  }
  throw new ImageInputError(
    `${target}: is a tar but neither an OCI layout (no oci-layout member) nor a docker save archive (no manifest.json)`,
  );
}

function refOpt(opts: OpenSourceOptions): { ref?: string } {
  return opts.ref !== undefined ? { ref: opts.ref } : {};
}

/**
 * Pick the source for `target`: an existing path decides by its content; anything else is taken as an
 * image name, tag or ID in the local Docker daemon. Errors name the target and what did not fit.
 */
export async function openImageSource(target: string, opts: OpenSourceOptions = {}): Promise<OpenedSource> {
  if (target.trim() === '')
    throw new ImageInputError('empty target: give an image name, an archive or a directory');
  const kind = await statOf(target);
  if (kind === 'dir') {
    const store = dirStore(target);
    if (await store.has('oci-layout'))
      return { kind: 'oci-layout', source: await imageFromOciStore(store, refOpt(opts)) };
    return { kind: 'rootfs-dir', source: await openRootfsDir(target, opts.rootfs) };
  }
  if (kind === 'file') return openArchive(target, opts);
  if (kind === 'other') throw new ImageInputError(`${target}: neither a regular file nor a directory`);
  try {
    return {
      kind: 'docker-daemon',
      source: await openDockerDaemon(target, opts.docker ? { docker: opts.docker } : {}),
    };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new ImageInputError(
      `${target}: no such file or directory, and not usable as an image in the local Docker daemon (${why})`,
    );
  }
}

/** Moat's data directory when the caller has none to give: $MOAT_HOME, else ~/.local/share/moat. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  const fromEnv = env.MOAT_HOME;
  if (fromEnv !== undefined && fromEnv !== '') return path.resolve(fromEnv);
  return path.join(home, '.local', 'share', 'moat');
}

/** Per-layer scan results live under the data directory so every front end shares them. */
export function layerCacheDir(dataDir: string): string {
  return path.join(dataDir, 'cache', 'layers');
}
