// Installed npm packages: a package.json directly inside node_modules/<name>/ or node_modules/@scope/<name>/.
import { parseInstalledPackageJson } from '../../parsers/lang-npm';
import { MB, textAnalyzer } from './lang-package';

const INSTALLED = /\/node_modules\/(?:@[^/]+\/)?[^/@.][^/]*\/package\.json$/;

export const npmPackageAnalyzer = textAnalyzer({
  type: 'npm-package',
  ecosystem: 'npm',
  maxBytes: 4 * MB,
  required: (file) => INSTALLED.test(file.path),
  parse: (text, source) => {
    const rec = parseInstalledPackageJson(text, source);
    return rec === undefined ? [] : [rec];
  },
});
