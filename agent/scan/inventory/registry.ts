// Every analyzer the scanner runs, as one explicit table (no registration by import side effect).
import type { Analyzer } from '../../model/analyzer';
import { osAnalyzers } from './os/index';
import { osPackageAnalyzers } from './ospkg/index';
import { langAnalyzers } from './lang/index';

export const analyzers: readonly Analyzer[] = [...osAnalyzers, ...osPackageAnalyzers, ...langAnalyzers];
