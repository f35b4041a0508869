// OS package analyzers, one per package database format.
import type { Analyzer } from '../../../model/analyzer';
import { apkAnalyzer } from './apk';
import { dpkgAnalyzer } from './dpkg';
import { rpmAnalyzer } from './rpm';

export { withDistro, osPackagePurl } from './os-purl';

export const osPackageAnalyzers: readonly Analyzer[] = [apkAnalyzer, dpkgAnalyzer, rpmAnalyzer];
