// The contract between the layer walker and the analyzers that look at files.
import type { OsInfo, Package } from './package';

export interface FileMeta {
  /** Absolute path inside the image, normalised: "/usr/lib/node_modules/npm/package.json". */
  path: string;
  size: number;
  /** Unix mode bits including setuid/setgid (0o4755 …). */
  mode: number;
}

export interface AnalyzerInput extends FileMeta {
  /** Valid only during the analyze call (the walker reuses the memory): copy what is kept, e.g. as strings. */
  content: Buffer;
}

/** What one analyzer reports for one file. */
export interface AnalysisResult {
  packages?: Package[];
  os?: OsInfo;
}

/**
 * One analyzer per file format (CONVENTIONS.md "Extending"). The walker calls `required` for every
 * regular file of every layer and hands the file's bytes to `analyze` once, in the same pass.
 * Bump `version` whenever the output changes: it is part of the per-layer cache key.
 */
export interface Analyzer {
  type: string;
  version: number;
  required(file: FileMeta): boolean;
  /** Largest file this analyzer wants in memory; bigger files are skipped with a warning. */
  maxBytes?: number;
  analyze(input: AnalyzerInput): AnalysisResult | Promise<AnalysisResult>;
  /**
   * Instead of `analyze`, when the walker can read the file by offset and no other analyzer needs it
   * whole: reads only the parts it needs (e.g. an executable's section table). Each buffer `read`
   * returns is valid until the next call to it.
   */
  analyzeParts?(file: FileMeta, read: (offset: number, length: number) => Buffer): AnalysisResult;
  /**
   * Never reports packages or an OS (it keeps its own findings, like the compliance collector): the walker
   * then records nothing for the files only it reads, instead of an empty result per file.
   */
  keepsOwnFindings?: boolean;
}
