// Rust binaries built with cargo-auditable (dependency list in the `.dep-v0` ELF section).
import type { Analyzer, AnalysisResult, AnalyzerInput, FileMeta } from '../../../model/analyzer';
import { isElf } from '../../parsers/lang-elf';
import { cargoAuditableFromParts, parseCargoAuditable } from '../../parsers/lang-rust';
import { isExecutableCandidate, MB, toPackages } from './lang-package';

export const rustBinaryAnalyzer: Analyzer = {
  type: 'rust-binary',
  version: 1,
  maxBytes: 200 * MB,
  required(file: FileMeta): boolean {
    return isExecutableCandidate(file);
  },
  analyze(input: AnalyzerInput): AnalysisResult {
    if (!isElf(input.content)) return {};
    const records = parseCargoAuditable(input.content, input.path);
    return records === undefined ? {} : { packages: toPackages(records, 'cargo', input.path) };
  },
  analyzeParts(file: FileMeta, read): AnalysisResult {
    if (!isElf(read(0, Math.min(64, file.size)))) return {};
    const records = cargoAuditableFromParts(read, file.size, file.path);
    return records === undefined ? {} : { packages: toPackages(records, 'cargo', file.path) };
  },
};
