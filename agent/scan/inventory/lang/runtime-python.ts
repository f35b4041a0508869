// CPython installed from source or a tarball: patchlevel.h, or the versioned interpreter binary.
import type { Analyzer, AnalysisResult, AnalyzerInput, FileMeta } from '../../../model/analyzer';
import { pythonVersionFromBinary, pythonVersionFromPatchlevel } from '../../parsers/lang-runtimes';
import { MB, runtimePackage } from './runtime-package';

const PATCHLEVEL = /\/include\/python\d+\.\d+\/patchlevel\.h$/;
const BINARY = /\/bin\/python(\d+\.\d+)$/;

export const pythonRuntimeAnalyzer: Analyzer = {
  type: 'runtime-python',
  version: 1,
  maxBytes: 100 * MB,
  required(file: FileMeta): boolean {
    return PATCHLEVEL.test(file.path) || (BINARY.test(file.path) && (file.mode & 0o111) !== 0);
  },
  analyze(input: AnalyzerInput): AnalysisResult {
    const minor = BINARY.exec(input.path)?.[1];
    const version =
      minor === undefined
        ? pythonVersionFromPatchlevel(input.content.toString('utf8'))
        : pythonVersionFromBinary(input.content, minor);
    return runtimePackage('python', version, input.path);
  },
};
