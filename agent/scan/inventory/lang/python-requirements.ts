// requirements*.txt: only `==` pins name an installed version.
import { parseRequirements } from '../../parsers/lang-python';
import { baseName, MB, textAnalyzer } from './lang-package';

export const pythonRequirementsAnalyzer = textAnalyzer({
  type: 'python-requirements',
  ecosystem: 'pypi',
  maxBytes: 10 * MB,
  required: (file) => /^requirements[\w.-]*\.txt$/.test(baseName(file.path)),
  parse: (text) => parseRequirements(text),
});
