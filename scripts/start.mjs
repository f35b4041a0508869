// `npm start`: the Electron app where Electron's binary exists, otherwise a pointer to web mode.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronBinary;
try {
  electronBinary = require('electron');
} catch {
  electronBinary = undefined;
}
if (typeof electronBinary !== 'string' || !fs.existsSync(electronBinary)) {
  console.error(
    'Electron is not installed on this machine (its binary could not be downloaded).\n' +
      'Run the console in web mode instead:\n\n    npm run serve\n\nthen open the printed URL in a browser.',
  );
  process.exit(1);
}
const child = spawn(electronBinary, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
