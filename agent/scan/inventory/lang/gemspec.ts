// Installed gems: <gem home>/specifications/<name>-<version>.gemspec.
import { parseGemspec } from '../../parsers/lang-ruby';
import { MB, textAnalyzer } from './lang-package';

export const gemspecAnalyzer = textAnalyzer({
  type: 'gemspec',
  ecosystem: 'gem',
  maxBytes: 4 * MB,
  required: (file) => /\/specifications\/[^/]+\.gemspec$/.test(file.path),
  parse: (text, source) => {
    const rec = parseGemspec(text, source);
    return rec === undefined ? [] : [rec];
  },
});
