// Debian packages from dpkg's status file and from distroless images' status.d/ files.
import type { Analyzer, AnalysisResult, AnalyzerInput, FileMeta } from '../../../model/analyzer';
import type { Package } from '../../../model/package';
import { parseDpkgStatus } from '../../parsers/dpkg-status';
import { osPackagePurl } from './os-purl';

const STATUS = '/var/lib/dpkg/status';
const STATUS_D = '/var/lib/dpkg/status.d/';

function isStatusD(path: string): boolean {
  if (!path.startsWith(STATUS_D)) return false;
  const name = path.slice(STATUS_D.length);
  // status.d also holds "<pkg>.md5sums" file lists next to the stanzas.
  return name !== '' && !name.includes('/') && !name.endsWith('.md5sums');
}

export const dpkgAnalyzer: Analyzer = {
  type: 'dpkg',
  version: 1,
  maxBytes: 64 * 1024 * 1024,
  required(file: FileMeta): boolean {
    return file.path === STATUS || isStatusD(file.path);
  },
  analyze(input: AnalyzerInput): AnalysisResult {
    const records = parseDpkgStatus(input.content.toString('utf8'), {
      assumeInstalled: isStatusD(input.path),
      label: input.path,
    });
    const packages = records
      .filter((r) => r.installed)
      .map((r): Package => ({
        name: r.name,
        version: r.version,
        ecosystem: 'deb',
        purl: osPackagePurl('deb', r.name, r.version, r.architecture),
        sourceName: r.sourceName,
        sourceVersion: r.sourceVersion,
        // The status database carries no license; it lives in /usr/share/doc/<pkg>/copyright.
        licenses: [],
        arch: r.architecture,
        foundIn: input.path,
      }));
    return { packages };
  },
};
