// Cargo.lock ([[package]] tables).
import { parseCargoLock } from '../../parsers/lang-rust';
import { baseName, MB, textAnalyzer } from './lang-package';

export const cargoLockAnalyzer = textAnalyzer({
  type: 'cargo-lock',
  ecosystem: 'cargo',
  maxBytes: 50 * MB,
  required: (file) => baseName(file.path) === 'Cargo.lock',
  parse: parseCargoLock,
});
