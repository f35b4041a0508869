// pnpm-lock.yaml (v5, v6, v9 key shapes).
import { parsePnpmLock } from '../../parsers/lang-pnpm';
import { baseName, MB, outsideNodeModules, textAnalyzer } from './lang-package';

export const pnpmLockAnalyzer = textAnalyzer({
  type: 'pnpm-lock',
  ecosystem: 'npm',
  maxBytes: 50 * MB,
  required: (file) => baseName(file.path) === 'pnpm-lock.yaml' && outsideNodeModules(file.path),
  parse: parsePnpmLock,
});
