// Shared glue for the language analyzers: records -> Packages with purls, and the common shape of an
// analyzer that reads one text file.
import type { Analyzer, AnalysisResult, AnalyzerInput, FileMeta } from '../../../model/analyzer';
import type { Ecosystem, Package } from '../../../model/package';
import type { LangRecord } from '../../parsers/lang-record';
import { buildPurl } from '../purl';

export const MB = 1024 * 1024;

/** Splits the name the way each purl type wants its namespace (npm scope, Go module path, composer vendor). */
function purlFor(rec: LangRecord, ecosystem: Ecosystem): string {
  let namespace: string | undefined = rec.group;
  let name = rec.name;
  const splitLast =
    ecosystem === 'golang' || ecosystem === 'composer' || (ecosystem === 'npm' && name.startsWith('@'));
  const slash = name.lastIndexOf('/');
  if (splitLast && slash > 0 && slash < name.length - 1) {
    namespace = name.slice(0, slash);
    name = name.slice(slash + 1);
  }
  return buildPurl({ type: ecosystem, namespace, name, version: rec.version });
}

export function toPackage(rec: LangRecord, ecosystem: Ecosystem, foundIn: string): Package {
  const name = rec.group !== undefined && ecosystem === 'maven' ? `${rec.group}:${rec.name}` : rec.name;
  return {
    name,
    version: rec.version,
    ecosystem,
    purl: purlFor(rec, ecosystem),
    licenses: rec.licenses ?? [],
    foundIn,
  };
}

export function toPackages(records: readonly LangRecord[], ecosystem: Ecosystem, foundIn: string): Package[] {
  return records.map((r) => toPackage(r, ecosystem, foundIn));
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Lockfiles shipped inside installed packages describe the package's own development, not the image. */
export function outsideNodeModules(path: string): boolean {
  return !path.includes('/node_modules/');
}

/** Regular executables big enough to be compiled programs; scripts are ruled out by extension. */
export function isExecutableCandidate(file: FileMeta): boolean {
  return (
    (file.mode & 0o111) !== 0 &&
    file.size >= 1024 &&
    !/\.(sh|bash|py|pl|rb|js|mjs|cjs|php|lua|txt)$/i.test(file.path)
  );
}

export interface TextFormat {
  type: string;
  ecosystem: Ecosystem;
  maxBytes: number;
  required(file: FileMeta): boolean;
  parse(text: string, source: string): LangRecord[];
}

/** An analyzer for a text format whose parser yields records (lockfiles, manifests). */
export function textAnalyzer(format: TextFormat): Analyzer {
  return {
    type: format.type,
    version: 1,
    maxBytes: format.maxBytes,
    required: format.required,
    analyze(input: AnalyzerInput): AnalysisResult {
      const records = format.parse(input.content.toString('utf8'), input.path);
      return { packages: toPackages(records, format.ecosystem, input.path) };
    },
  };
}
