// Merges per-layer results, oldest first, into what the final image contains and which layer put it there.
import type { LayerRef, OsInfo, Package } from '../../model/package';
import type { FileEntry, FileResults, LayerResult } from './types';

export interface OrderedLayer {
  ref: LayerRef;
  result: LayerResult;
}

export interface OsCandidate {
  path: string;
  os: OsInfo;
  layerIndex: number;
}

export interface AppliedLayers {
  packages: Package[];
  os: OsInfo | null;
  osCandidates: OsCandidate[];
  /** Surviving file metadata (present when requested). */
  files?: FileEntry[];
  filesTruncated: boolean;
  /** Count of surviving packages attributed to each layer index. */
  packagesAdded: Map<number, number>;
}

interface FileState {
  results: FileResults;
  ref: LayerRef;
  /** Where each package (by identity) first appeared while this path kept holding it. */
  origins: Map<string, LayerRef>;
}

export type OsResolver = (candidates: OsCandidate[]) => OsInfo | null;

export function applyLayers(
  layers: readonly OrderedLayer[],
  opts: { collectFiles?: boolean; resolveOs?: OsResolver } = {},
): AppliedLayers {
  const state = new Map<string, FileState>();
  const files = opts.collectFiles ? new Map<string, FileEntry>() : undefined;
  let filesTruncated = false;
  for (const { ref, result } of layers) {
    const removed = new Set([...result.whiteouts, ...result.opaqueDirs]);
    if (removed.size > 0) {
      dropUnder(state, removed);
      if (files) dropUnder(files, removed);
    }
    for (const [path, results] of Object.entries(result.files)) {
      const prev = state.get(path);
      const origins = new Map<string, LayerRef>();
      for (const pkg of packagesOf(results)) {
        const key = identity(pkg);
        origins.set(key, prev?.origins.get(key) ?? ref);
      }
      state.set(path, { results, ref, origins });
    }
    if (files) {
      for (const e of result.entries) files.set(e.path, e);
      filesTruncated ||= result.entriesTruncated;
    }
  }

  const packages: Package[] = [];
  const osCandidates: OsCandidate[] = [];
  const packagesAdded = new Map<number, number>();
  for (const path of [...state.keys()].sort()) {
    const s = state.get(path) as FileState;
    for (const pkg of packagesOf(s.results)) {
      const layer = s.origins.get(identity(pkg)) ?? s.ref;
      packages.push({ ...pkg, foundIn: pkg.foundIn || path, layer });
      packagesAdded.set(layer.index, (packagesAdded.get(layer.index) ?? 0) + 1);
    }
    for (const r of Object.values(s.results)) {
      if (r.os) osCandidates.push({ path, os: r.os, layerIndex: s.ref.index });
    }
  }
  const resolve = opts.resolveOs ?? lastLayerOs;
  return {
    packages,
    os: resolve(osCandidates),
    osCandidates,
    ...(files ? { files: [...files.values()] } : {}),
    filesTruncated,
    packagesAdded,
  };
}

/** Default OS choice: the candidate from the newest layer (ties: first path in sort order). */
export function lastLayerOs(candidates: OsCandidate[]): OsInfo | null {
  let best: OsCandidate | null = null;
  for (const c of candidates) if (best === null || c.layerIndex > best.layerIndex) best = c;
  return best?.os ?? null;
}

function packagesOf(results: FileResults): Package[] {
  return Object.values(results).flatMap((r) => r.packages ?? []);
}

function identity(p: Package): string {
  return `${p.ecosystem}\0${p.name}\0${p.version}\0${p.arch ?? ''}`;
}

/** Delete every key equal to or below one of `removed`, checking each key's ancestors. */
function dropUnder<T>(map: Map<string, T>, removed: Set<string>): void {
  if (removed.has('/')) {
    map.clear();
    return;
  }
  for (const key of [...map.keys()]) {
    let p = key;
    while (p.length > 1) {
      if (removed.has(p)) {
        map.delete(key);
        break;
      }
      p = p.slice(0, p.lastIndexOf('/')) || '/';
    }
  }
}
