// JDK/JRE images unpack a tree whose top-level `release` file names JAVA_VERSION.
import type { Analyzer, AnalysisResult, AnalyzerInput, FileMeta } from '../../../model/analyzer';
import { javaVersionFromRelease } from '../../parsers/lang-runtimes';
import { runtimePackage } from './runtime-package';

export const javaRuntimeAnalyzer: Analyzer = {
  type: 'runtime-java',
  version: 1,
  maxBytes: 64 * 1024,
  required(file: FileMeta): boolean {
    return file.path.endsWith('/release') && !file.path.startsWith('/etc/') && file.size <= 64 * 1024;
  },
  analyze(input: AnalyzerInput): AnalysisResult {
    return runtimePackage('java', javaVersionFromRelease(input.content.toString('utf8')), input.path);
  },
};
