// /etc/os-release and /usr/lib/os-release: the standard description of the distribution.
import type { Analyzer, AnalysisResult, AnalyzerInput, FileMeta } from '../../../model/analyzer';
import type { OsInfo } from '../../../model/package';
import { parseOsRelease } from '../../parsers/os-release';

const PATHS = new Set(['/etc/os-release', '/usr/lib/os-release']);

export const osReleaseAnalyzer: Analyzer = {
  type: 'os-release',
  version: 1,
  maxBytes: 64 * 1024,
  required(file: FileMeta): boolean {
    return PATHS.has(file.path);
  },
  analyze(input: AnalyzerInput): AnalysisResult {
    const info = parseOsRelease(input.content.toString('utf8'), input.path);
    // release stays '' when VERSION_ID is absent (Debian testing/sid); resolveOs fills it from debian_version.
    const os: OsInfo = { family: info.id, release: info.versionId ?? '' };
    if (info.prettyName) os.name = info.prettyName;
    if (info.codename) os.codename = info.codename;
    return { os };
  },
};
