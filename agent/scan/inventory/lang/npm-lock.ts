// package-lock.json / npm-shrinkwrap.json, lockfileVersion 1, 2 and 3.
import { parsePackageLock } from '../../parsers/lang-npm';
import { baseName, MB, outsideNodeModules, textAnalyzer } from './lang-package';

const NAMES = new Set(['package-lock.json', 'npm-shrinkwrap.json']);

export const npmLockAnalyzer = textAnalyzer({
  type: 'npm-lock',
  ecosystem: 'npm',
  maxBytes: 50 * MB,
  required: (file) => NAMES.has(baseName(file.path)) && outsideNodeModules(file.path),
  parse: parsePackageLock,
});
