// OS detection analyzers, one per release file, and the rule that merges what they find.
import type { Analyzer } from '../../../model/analyzer';
import { alpineReleaseAnalyzer } from './alpine-release';
import { debianVersionAnalyzer } from './debian-version';
import { osReleaseAnalyzer } from './os-release';
import { redhatReleaseAnalyzer } from './redhat-release';

export { resolveOs, type OsCandidate } from './resolve-os';

export const osAnalyzers: readonly Analyzer[] = [
  osReleaseAnalyzer,
  alpineReleaseAnalyzer,
  debianVersionAnalyzer,
  redhatReleaseAnalyzer,
];
