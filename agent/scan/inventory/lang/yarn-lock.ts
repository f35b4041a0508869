// yarn.lock (classic v1 and berry).
import { parseYarnLock } from '../../parsers/lang-yarn';
import { baseName, MB, outsideNodeModules, textAnalyzer } from './lang-package';

export const yarnLockAnalyzer = textAnalyzer({
  type: 'yarn-lock',
  ecosystem: 'npm',
  maxBytes: 50 * MB,
  required: (file) => baseName(file.path) === 'yarn.lock' && outsideNodeModules(file.path),
  parse: parseYarnLock,
});
