// poetry.lock ([[package]] tables).
import { parsePoetryLock } from '../../parsers/lang-python';
import { baseName, MB, textAnalyzer } from './lang-package';

export const poetryLockAnalyzer = textAnalyzer({
  type: 'poetry-lock',
  ecosystem: 'pypi',
  maxBytes: 50 * MB,
  required: (file) => baseName(file.path) === 'poetry.lock',
  parse: parsePoetryLock,
});
