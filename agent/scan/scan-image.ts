// Scan one image source: per-layer analysis (cached by diffID) merged into the final inventory.
import type { Analyzer } from '../model/analyzer';
import type { OsInfo, Package } from '../model/package';
import { applyLayers, type OrderedLayer, type OsResolver } from './image/apply-layers';
import { layerCreatedBy } from './image/image-config';
import { LayerCache, analyzersKey, type PreparedLayer } from './image/layer-cache';
import { warmLayerReader } from './image/file-digest-worker';
import { walkLayer } from './image/layer-walker';
import { walkTree } from './image/tree-walker';
import { resolveOs } from './inventory/os/index';
import { withDistro } from './inventory/ospkg/index';
import {
  ImageInputError,
  newBudget,
  type FileEntry,
  type ImageMeta,
  type ImageSource,
  type LayerResult,
  type ScanLimits,
} from './image/types';

export interface ScanProgress {
  /** 1-based position among the layers handled so far (sources may deliver them in any order). */
  layer: number;
  of: number;
  diffId?: string;
  /** Uncompressed bytes of the current layer read so far. */
  bytes: number;
  phase: 'cached' | 'walking' | 'done';
}

export interface ScanImageOptions {
  analyzers: readonly Analyzer[];
  /** Directory for per-layer results; no caching without it. */
  cacheDir?: string;
  limits?: Partial<ScanLimits>;
  onProgress?: (p: ScanProgress) => void;
  /** Keep the merged file metadata list (setuid checks etc.). */
  collectFiles?: boolean;
  /** Defaults to the OS analyzers' rule over the files that survive in the final image. */
  resolveOs?: OsResolver;
}

export interface InventoryLayer {
  index: number;
  diffId: string;
  createdBy: string;
  /** Uncompressed size in bytes. */
  size: number;
  packagesAdded: number;
}

export interface ImageInventory {
  image: ImageMeta & { id: string; ref: string };
  os: OsInfo | null;
  packages: Package[];
  layers: InventoryLayer[];
  warnings: string[];
  files?: FileEntry[];
  filesTruncated?: boolean;
}

export async function scanImage(source: ImageSource, opts: ScanImageOptions): Promise<ImageInventory> {
  const budget = newBudget(opts.limits);
  const cache =
    source.cacheable && opts.cacheDir
      ? new LayerCache(opts.cacheDir, analyzersKey(opts.analyzers))
      : undefined;
  const known = source.config.diffIds;
  const results = new Map<string, LayerResult>();
  const treeOrder: string[] = [];
  const of = Math.max(known.length, 1);
  let done = 0;
  const progress = (p: Omit<ScanProgress, 'of'>): void => opts.onProgress?.({ ...p, of });

  if (cache) {
    for (const d of new Set(known)) {
      const hit = await cache.get(d, opts.collectFiles === true);
      if (hit) {
        results.set(d, hit);
        progress({ layer: ++done, diffId: d, bytes: hit.bytes, phase: 'cached' });
      }
    }
  }
  // Only open the layers when something is missing: a fully cached image decompresses nothing.
  if (known.length === 0 || known.some((d) => !results.has(d))) {
    if (source.layersInFiles) warmLayerReader();
    for await (const layer of source.layers()) {
      if (layer.kind === 'tree') {
        progress({ layer: done + 1, diffId: layer.diffId, bytes: 0, phase: 'walking' });
        const r = await walkTree(layer, { analyzers: opts.analyzers, budget });
        results.set(r.diffId, r);
        treeOrder.push(r.diffId);
        progress({ layer: ++done, diffId: r.diffId, bytes: r.bytes, phase: 'done' });
        continue;
      }
      if (layer.diffId !== undefined && results.has(layer.diffId)) continue;
      const n = done + 1;
      // The cache text is made while the digest is still being checked, and written only once it holds.
      let prepared: PreparedLayer | undefined;
      const r = await walkLayer(layer, {
        analyzers: opts.analyzers,
        budget,
        ...(cache ? { whileVerifying: (p: LayerResult) => (prepared = cache.prepare(p)) } : {}),
        onBytes: (bytes) =>
          progress({ layer: n, ...(layer.diffId ? { diffId: layer.diffId } : {}), bytes, phase: 'walking' }),
      });
      if (!known.includes(r.diffId)) {
        throw new ImageInputError(
          `${layer.name}: layer ${r.diffId} is not listed in the config of ${source.ref}`,
        );
      }
      if (results.has(r.diffId)) continue;
      results.set(r.diffId, r);
      if (prepared?.diffId === r.diffId) await cache?.write(prepared);
      else await cache?.put(r);
      progress({ layer: ++done, diffId: r.diffId, bytes: r.bytes, phase: 'done' });
    }
  }

  // Re-read the config: a streaming source (daemon) may only learn the full history while streaming.
  const meta = source.config;
  const diffIds = known.length > 0 ? meta.diffIds : treeOrder;
  const createdBy = known.length > 0 ? layerCreatedBy(meta) : treeOrder.map(() => '');
  const ordered: OrderedLayer[] = diffIds.map((diffId, index) => {
    const result = results.get(diffId);
    if (!result)
      throw new ImageInputError(`${source.ref}: layer ${index} (${diffId}) is missing from the image`);
    return { ref: { index, diffId, createdBy: createdBy[index] }, result };
  });
  const applied = applyLayers(ordered, {
    ...(opts.collectFiles ? { collectFiles: true } : {}),
    resolveOs: opts.resolveOs ?? ((c) => resolveOs(c) ?? null),
  });
  const warnings = [...new Set(ordered.flatMap((l) => l.result.warnings))];
  const os = applied.os;
  if (applied.filesTruncated) warnings.push(`${source.ref}: file list truncated`);
  return {
    image: { ...meta, id: source.id, ref: source.ref },
    os: applied.os,
    // Analyzers cannot know the distribution; once it is resolved OS package purls get vendor + distro.
    packages: os ? applied.packages.map((p) => withDistro(p, os)) : applied.packages,
    layers: ordered.map(({ ref, result }) => ({
      index: ref.index,
      diffId: ref.diffId,
      createdBy: ref.createdBy,
      size: result.bytes,
      packagesAdded: applied.packagesAdded.get(ref.index) ?? 0,
    })),
    warnings,
    ...(applied.files ? { files: applied.files, filesTruncated: applied.filesTruncated } : {}),
  };
}
