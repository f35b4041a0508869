// Language package and runtime analyzers, one per file format (CONVENTIONS.md "Extending").
import type { Analyzer } from '../../../model/analyzer';
import { cargoLockAnalyzer } from './cargo-lock';
import { composerInstalledAnalyzer } from './composer-installed';
import { composerLockAnalyzer } from './composer-lock';
import { dotnetDepsAnalyzer } from './dotnet-deps';
import { gemspecAnalyzer } from './gemspec';
import { goBinaryAnalyzer } from './go-binary';
import { javaArchiveAnalyzer } from './java-archive';
import { npmLockAnalyzer } from './npm-lock';
import { npmPackageAnalyzer } from './npm-package';
import { pipfileLockAnalyzer } from './pipfile-lock';
import { pnpmLockAnalyzer } from './pnpm-lock';
import { poetryLockAnalyzer } from './poetry-lock';
import { pythonDistAnalyzer } from './python-dist';
import { pythonRequirementsAnalyzer } from './python-requirements';
import { goRuntimeAnalyzer } from './runtime-go';
import { javaRuntimeAnalyzer } from './runtime-java';
import { nodeRuntimeAnalyzer } from './runtime-node';
import { pythonRuntimeAnalyzer } from './runtime-python';
import { rustBinaryAnalyzer } from './rust-binary';
import { yarnLockAnalyzer } from './yarn-lock';

export const langAnalyzers: readonly Analyzer[] = [
  npmPackageAnalyzer,
  npmLockAnalyzer,
  yarnLockAnalyzer,
  pnpmLockAnalyzer,
  pythonDistAnalyzer,
  pythonRequirementsAnalyzer,
  poetryLockAnalyzer,
  pipfileLockAnalyzer,
  goBinaryAnalyzer,
  javaArchiveAnalyzer,
  gemspecAnalyzer,
  cargoLockAnalyzer,
  rustBinaryAnalyzer,
  composerLockAnalyzer,
  composerInstalledAnalyzer,
  dotnetDepsAnalyzer,
  nodeRuntimeAnalyzer,
  pythonRuntimeAnalyzer,
  javaRuntimeAnalyzer,
  goRuntimeAnalyzer,
];
