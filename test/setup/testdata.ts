// Where the shared test data lives: beside the repository (CI clones it there), or MOAT_TESTDATA.
import path from 'node:path';

export const TESTDATA = process.env.MOAT_TESTDATA ?? path.resolve(__dirname, '../../../shared/testdata');

export function testdata(...parts: string[]): string {
  return path.join(TESTDATA, ...parts);
}
