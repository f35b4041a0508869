// composer.lock: "packages" and "packages-dev".
import { parseComposerLock } from '../../parsers/lang-php';
import { baseName, MB, textAnalyzer } from './lang-package';

export const composerLockAnalyzer = textAnalyzer({
  type: 'composer-lock',
  ecosystem: 'composer',
  maxBytes: 50 * MB,
  required: (file) => baseName(file.path) === 'composer.lock',
  parse: parseComposerLock,
});
