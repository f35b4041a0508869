// Node.js installed from a release tarball: its header file or the node binary itself.
import type { Analyzer, AnalysisResult, AnalyzerInput, FileMeta } from '../../../model/analyzer';
import { nodeVersionFromBinary, nodeVersionFromHeader } from '../../parsers/lang-runtimes';
import { MB, runtimePackage } from './runtime-package';

const HEADER = '/include/node/node_version.h';

export const nodeRuntimeAnalyzer: Analyzer = {
  type: 'runtime-node',
  version: 1,
  maxBytes: 200 * MB,
  required(file: FileMeta): boolean {
    return file.path.endsWith(HEADER) || (file.path.endsWith('/bin/node') && (file.mode & 0o111) !== 0);
  },
  analyze(input: AnalyzerInput): AnalysisResult {
    const version = input.path.endsWith(HEADER)
      ? nodeVersionFromHeader(input.content.toString('utf8'))
      : nodeVersionFromBinary(input.content);
    return runtimePackage('node', version, input.path);
  },
};
