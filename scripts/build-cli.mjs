// Bundles the CLI/console for plain Node into out/cli/moat.cjs; dependencies stay in node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['electron/cli/index.ts'],
  outfile: 'out/cli/moat.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
