// Installed Python distributions: *.dist-info/METADATA (wheels) and *.egg-info/PKG-INFO (setuptools).
import { parsePythonMetadata } from '../../parsers/lang-python';
import { MB, textAnalyzer } from './lang-package';

const METADATA = /\.(dist-info\/METADATA|egg-info\/PKG-INFO)$/;

export const pythonDistAnalyzer = textAnalyzer({
  type: 'python-dist',
  ecosystem: 'pypi',
  maxBytes: 8 * MB,
  required: (file) => METADATA.test(file.path),
  parse: (text, source) => {
    const rec = parsePythonMetadata(text, source);
    return rec === undefined ? [] : [rec];
  },
});
