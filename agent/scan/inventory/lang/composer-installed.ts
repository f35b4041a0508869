// vendor/composer/installed.json: what `composer install` actually put in vendor/.
import { parseComposerInstalled } from '../../parsers/lang-php';
import { MB, textAnalyzer } from './lang-package';

export const composerInstalledAnalyzer = textAnalyzer({
  type: 'composer-installed',
  ecosystem: 'composer',
  maxBytes: 50 * MB,
  required: (file) => file.path.endsWith('/vendor/composer/installed.json'),
  parse: parseComposerInstalled,
});
