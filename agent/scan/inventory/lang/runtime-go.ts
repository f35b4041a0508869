// The Go toolchain unpacked from a tarball (golang images: /usr/local/go/VERSION).
import type { Analyzer, AnalysisResult, AnalyzerInput, FileMeta } from '../../../model/analyzer';
import { goVersionFromFile } from '../../parsers/lang-runtimes';
import { runtimePackage } from './runtime-package';

export const goRuntimeAnalyzer: Analyzer = {
  type: 'runtime-go',
  version: 1,
  maxBytes: 64 * 1024,
  required(file: FileMeta): boolean {
    return file.path.endsWith('/go/VERSION') && file.size <= 64 * 1024;
  },
  analyze(input: AnalyzerInput): AnalysisResult {
    return runtimePackage('go', goVersionFromFile(input.content.toString('utf8')), input.path);
  },
};
