// Shapes shared by the image sources, the layer walker, apply-layers and the scan entry point.
import type { Readable } from 'node:stream';
import type { AnalysisResult } from '../../model/analyzer';
import type { FileRange } from './file-digest-worker';

export interface HistoryEntry {
  created?: string;
  createdBy: string;
  emptyLayer: boolean;
  comment?: string;
}

export interface Healthcheck {
  test: string[];
  interval?: number;
  timeout?: number;
  retries?: number;
}

/** Image metadata as read from the image config (or the daemon's inspect). */
export interface ImageMeta {
  repoTags: string[];
  repoDigests: string[];
  architecture: string;
  os: string;
  variant?: string;
  created?: string;
  user: string;
  env: string[];
  entrypoint: string[];
  cmd: string[];
  workingDir: string;
  exposedPorts: string[];
  labels: Record<string, string>;
  healthcheck?: Healthcheck;
  history: HistoryEntry[];
  /** rootfs.diff_ids, oldest layer first. */
  diffIds: string[];
}

/**
 * One layer blob as a source delivers it (gzip, zstd or plain tar).
 * `diffId` and `index` are set when the source knows them before reading the blob (docker-archive,
 * OCI layout, daemon with blob names); the daemon's legacy save layout only learns the diffID by
 * hashing, so the walker always computes it and scan-image places the result by the computed value.
 */
export interface LayerStream {
  kind: 'tar';
  index?: number;
  diffId?: string;
  /** Digest of the blob as stored (compressed), verified by the walker when given. */
  blobDigest?: string;
  createdBy: string;
  /** Where the blob came from, for error messages: "image.tar:blobs/sha256/ab12…". */
  name: string;
  size?: number;
  stream: Readable;
  /** Where the blob sits in a file, when it does: its digests are then computed on a worker beside the walk. */
  fileRange?: FileRange;
}

/** A regular file, symlink, hard link or directory met while walking a tree that is not a tar. */
export interface TreeEntry {
  path: string;
  type: 'file' | 'symlink' | 'directory' | 'other';
  mode: number;
  size: number;
  uid: number;
  gid: number;
  linkname?: string;
  read(maxBytes: number): Promise<Buffer>;
}

/** A root filesystem presented as one layer without building a tar (rootfs-dir). */
export interface LayerTree {
  kind: 'tree';
  index: 0;
  diffId: string;
  createdBy: string;
  name: string;
  entries: AsyncIterable<TreeEntry>;
  /** Filled by the tree while it is walked (unreadable dirs, bounds hit). */
  warnings: string[];
}

export type SourceLayer = LayerStream | LayerTree;

export interface ImageSource {
  ref: string;
  /** "sha256:<config digest>" (rootfs-dir: a digest of the root path, there is no config). */
  id: string;
  config: ImageMeta;
  /** Layers in any order; each stream must be consumed (or left alone) before the next is pulled. */
  layers(): AsyncIterable<SourceLayer>;
  /** Whether per-layer results may be cached by diffID (false for a live root filesystem). */
  cacheable: boolean;
  /** Its layers sit in files (archive, OCI layout): the layer reader's worker will be wanted. */
  layersInFiles?: boolean;
}

/** Compact metadata of one non-whiteout entry, for compliance checks (setuid files …). */
export interface FileEntry {
  path: string;
  type: 'file' | 'symlink' | 'link' | 'directory';
  mode: number;
  size: number;
  uid: number;
  gid: number;
  linkname?: string;
  /** A symlink or hard link whose target resolves outside the root: recorded, never followed. */
  escapes?: boolean;
}

/** Per-analyzer results for one file, keyed by analyzer type. */
export type FileResults = Record<string, AnalysisResult>;

export interface LayerResult {
  diffId: string;
  /** Files that at least one analyzer looked at (an empty result still hides lower layers). */
  files: Record<string, FileResults>;
  whiteouts: string[];
  opaqueDirs: string[];
  fileCount: number;
  /** Uncompressed tar bytes. */
  bytes: number;
  entries: FileEntry[];
  entriesTruncated: boolean;
  devicesIgnored: number;
  warnings: string[];
}

export interface ScanLimits {
  /** Uncompressed bytes per image, all layers together. */
  maxTotalBytes: number;
  /** Tar entries per image, all layers together. */
  maxEntries: number;
  /** Ceiling on one file read into memory, whatever an analyzer's maxBytes says. */
  maxFileBytes: number;
  /** Compact file metadata records kept per image. */
  maxFileRecords: number;
}

export const DEFAULT_LIMITS: ScanLimits = {
  maxTotalBytes: 20 * 1024 ** 3,
  maxEntries: 2_000_000,
  maxFileBytes: 256 * 1024 ** 2,
  maxFileRecords: 300_000,
};

/** Running totals shared by all layers of one image so the caps hold per image, not per layer. */
export interface ScanBudget {
  limits: ScanLimits;
  bytes: number;
  entries: number;
  fileRecords: number;
}

export function newBudget(limits: Partial<ScanLimits> = {}): ScanBudget {
  return { limits: { ...DEFAULT_LIMITS, ...limits }, bytes: 0, entries: 0, fileRecords: 0 };
}

/** Input that is refused (traversal, bombs, lying manifests, garbage); the message names the input. */
export class ImageInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageInputError';
  }
}
