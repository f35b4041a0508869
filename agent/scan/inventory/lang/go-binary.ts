// Go binaries: modules from the embedded build info, plus the toolchain as the "stdlib" package
// (vulnerability feeds file Go standard-library advisories under that name).
import type { Analyzer, AnalysisResult, AnalyzerInput, FileMeta } from '../../../model/analyzer';
import { isElf } from '../../parsers/lang-elf';
import {
  goBuildInfoFromParts,
  goToolchainVersion,
  parseGoBuildInfo,
  type GoBuildInfo,
} from '../../parsers/lang-go-buildinfo';
import type { LangRecord } from '../../parsers/lang-record';
import { isExecutableCandidate, MB, toPackages } from './lang-package';

export const goBinaryAnalyzer: Analyzer = {
  type: 'go-binary',
  version: 1,
  maxBytes: 200 * MB,
  required(file: FileMeta): boolean {
    return isExecutableCandidate(file);
  },
  analyze(input: AnalyzerInput): AnalysisResult {
    if (!isElf(input.content)) return {};
    return fromInfo(parseGoBuildInfo(input.content, input.path), input.path);
  },
  analyzeParts(file: FileMeta, read): AnalysisResult {
    if (!isElf(read(0, Math.min(64, file.size)))) return {};
    const info = goBuildInfoFromParts(read, file.size, file.path);
    return fromInfo(info === 'whole' ? parseGoBuildInfo(read(0, file.size), file.path) : info, file.path);
  },
};

function fromInfo(info: GoBuildInfo | undefined, path: string): AnalysisResult {
  if (info === undefined) return {};
  const records: LangRecord[] = [];
  if (info.main !== undefined) records.push(info.main);
  records.push(...info.deps);
  const stdlib = goToolchainVersion(info.goVersion);
  if (stdlib !== undefined) records.push({ name: 'stdlib', version: stdlib, licenses: [] });
  return { packages: toPackages(records, 'golang', path) };
}
