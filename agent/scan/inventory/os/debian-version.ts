// /etc/debian_version: the point release ("12.4") or "trixie/sid" on testing, where os-release has no VERSION_ID.
// Ubuntu ships this file too; resolveOs only uses it when os-release says the family is debian or is missing.
import type { Analyzer, AnalysisResult, AnalyzerInput, FileMeta } from '../../../model/analyzer';
import type { OsInfo } from '../../../model/package';
import { parseDebianVersion } from '../../parsers/os-release';

export const debianVersionAnalyzer: Analyzer = {
  type: 'debian-version',
  version: 1,
  maxBytes: 64 * 1024,
  required(file: FileMeta): boolean {
    return file.path === '/etc/debian_version';
  },
  analyze(input: AnalyzerInput): AnalysisResult {
    const info = parseDebianVersion(input.content.toString('utf8'), input.path);
    const os: OsInfo = { family: 'debian', release: info.release };
    if (info.codename) os.codename = info.codename;
    return { os };
  },
};
