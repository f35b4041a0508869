// Alpine packages from apk's installed database.
import type { Analyzer, AnalysisResult, AnalyzerInput, FileMeta } from '../../../model/analyzer';
import type { Package } from '../../../model/package';
import { parseApkInstalled } from '../../parsers/apk-installed';
import { osPackagePurl } from './os-purl';

const PATHS = new Set(['/lib/apk/db/installed', '/usr/lib/apk/db/installed']);

export const apkAnalyzer: Analyzer = {
  type: 'apk',
  version: 1,
  maxBytes: 64 * 1024 * 1024,
  required(file: FileMeta): boolean {
    return PATHS.has(file.path);
  },
  analyze(input: AnalyzerInput): AnalysisResult {
    const records = parseApkInstalled(input.content.toString('utf8'), input.path);
    const packages = records.map((r): Package => ({
      name: r.name,
      version: r.version,
      ecosystem: 'apk',
      purl: osPackagePurl('apk', r.name, r.version, r.arch),
      // An apk origin is built at the same version as its subpackages.
      sourceName: r.origin ?? r.name,
      sourceVersion: r.version,
      licenses: r.license ? [r.license] : [],
      arch: r.arch,
      foundIn: input.path,
    }));
    return { packages };
  },
};
