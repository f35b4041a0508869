// The Red Hat family's one-line release files; CentOS 7 gives "7.9.2009" where os-release only says "7".
import type { Analyzer, AnalysisResult, AnalyzerInput, FileMeta } from '../../../model/analyzer';
import type { OsInfo } from '../../../model/package';
import { parseRedHatRelease } from '../../parsers/os-release';

export const REDHAT_RELEASE_PATHS: ReadonlySet<string> = new Set([
  '/etc/redhat-release',
  '/etc/centos-release',
  '/etc/rocky-release',
  '/etc/almalinux-release',
  '/etc/fedora-release',
]);

export const redhatReleaseAnalyzer: Analyzer = {
  type: 'redhat-release',
  version: 1,
  maxBytes: 64 * 1024,
  required(file: FileMeta): boolean {
    return REDHAT_RELEASE_PATHS.has(file.path);
  },
  analyze(input: AnalyzerInput): AnalysisResult {
    const info = parseRedHatRelease(input.content.toString('utf8'), input.path);
    const os: OsInfo = { family: info.family, release: info.release, name: info.name };
    if (info.codename) os.codename = info.codename;
    return { os };
  },
};
