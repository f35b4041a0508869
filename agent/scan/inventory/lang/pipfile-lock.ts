// Pipfile.lock (pipenv): "default" and "develop" pins.
import { parsePipfileLock } from '../../parsers/lang-python';
import { baseName, MB, textAnalyzer } from './lang-package';

export const pipfileLockAnalyzer = textAnalyzer({
  type: 'pipfile-lock',
  ecosystem: 'pypi',
  maxBytes: 50 * MB,
  required: (file) => baseName(file.path) === 'Pipfile.lock',
  parse: parsePipfileLock,
});
