// /etc/alpine-release holds the full Alpine version (3.10.4); it picks the secdb branch.
import type { Analyzer, AnalysisResult, AnalyzerInput, FileMeta } from '../../../model/analyzer';
import { parseAlpineRelease } from '../../parsers/os-release';

export const alpineReleaseAnalyzer: Analyzer = {
  type: 'alpine-release',
  version: 1,
  maxBytes: 64 * 1024,
  required(file: FileMeta): boolean {
    return file.path === '/etc/alpine-release';
  },
  analyze(input: AnalyzerInput): AnalysisResult {
    return {
      os: { family: 'alpine', release: parseAlpineRelease(input.content.toString('utf8'), input.path) },
    };
  },
};
