// Java archives: pom.properties, else MANIFEST.MF, else the file name; nested archives included.
import type { Analyzer, AnalysisResult, AnalyzerInput, FileMeta } from '../../../model/analyzer';
import { parseJavaArchive } from '../../parsers/lang-java';
import { baseName, MB, toPackages } from './lang-package';

export const javaArchiveAnalyzer: Analyzer = {
  type: 'java-archive',
  version: 1,
  maxBytes: 200 * MB,
  required(file: FileMeta): boolean {
    return /\.(jar|war|ear)$/i.test(file.path);
  },
  analyze(input: AnalyzerInput): AnalysisResult {
    const records = parseJavaArchive(input.content, baseName(input.path));
    return { packages: toPackages(records, 'maven', input.path) };
  },
};
