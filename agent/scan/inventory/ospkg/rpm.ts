// RPM packages from rpm's sqlite database. The older BerkeleyDB (Packages) and ndb (Packages.db)
// formats are recognised and refused with a named error, which the walker reports as a warning.
import type { Analyzer, AnalysisResult, AnalyzerInput, FileMeta } from '../../../model/analyzer';
import type { Package } from '../../../model/package';
import { parseSourceRpm, rpmEvr } from '../../parsers/rpm-header';
import { readRpmdbSqlite, type RpmdbEntry } from '../../parsers/rpmdb-sqlite';
import { osPackagePurl } from './os-purl';

const DIRS = ['/var/lib/rpm/', '/usr/lib/sysimage/rpm/'];
const FORMATS: Record<string, 'sqlite' | 'BerkeleyDB' | 'ndb'> = {
  'rpmdb.sqlite': 'sqlite',
  Packages: 'BerkeleyDB',
  'Packages.db': 'ndb',
};

function formatOf(path: string): 'sqlite' | 'BerkeleyDB' | 'ndb' | undefined {
  const dir = DIRS.find((d) => path.startsWith(d));
  return dir ? FORMATS[path.slice(dir.length)] : undefined;
}

function toPackage(e: RpmdbEntry, foundIn: string): Package {
  const version = rpmEvr(e);
  const src = e.sourceRpm ? parseSourceRpm(e.sourceRpm) : undefined;
  return {
    name: e.name,
    version,
    ecosystem: 'rpm',
    purl: osPackagePurl('rpm', e.name, version, e.arch),
    sourceName: src?.name ?? e.name,
    // The epoch is set in the spec file, so the source rpm shares the binary's.
    sourceVersion: src ? rpmEvr({ epoch: e.epoch, version: src.version, release: src.release }) : version,
    // rpm's License is one expression ("GPLv2+ and LGPLv2+"); splitting it would change its meaning.
    licenses: e.license ? [e.license] : [],
    arch: e.arch,
    foundIn,
  };
}

export const rpmAnalyzer: Analyzer = {
  type: 'rpm',
  version: 1,
  maxBytes: 256 * 1024 * 1024,
  required(file: FileMeta): boolean {
    return formatOf(file.path) !== undefined;
  },
  analyze(input: AnalyzerInput): AnalysisResult {
    const format = formatOf(input.path);
    if (format !== 'sqlite') {
      throw new Error(
        `unsupported rpm database format (${format ?? 'unknown'}) at ${input.path}; only sqlite rpmdb is supported`,
      );
    }
    const packages = readRpmdbSqlite(input.content, input.path)
      // gpg-pubkey entries are imported signing keys, not installed software.
      .filter((e) => e.name !== 'gpg-pubkey')
      .map((e) => toPackage(e, input.path));
    return { packages };
  },
};
