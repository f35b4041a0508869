// Runtimes installed outside package managers are reported as generic packages named after the runtime.
import type { AnalysisResult } from '../../../model/analyzer';
import { toPackage } from './lang-package';

export { MB } from './lang-package';

export function runtimePackage(name: string, version: string | undefined, foundIn: string): AnalysisResult {
  if (version === undefined) return {};
  return { packages: [toPackage({ name, version, licenses: [] }, 'generic', foundIn)] };
}
