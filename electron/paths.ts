// Where Moat's own files are: the app root (resources/, migrations, built renderer) and the user's data directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let cachedRoot: string | undefined;

/** The directory holding Moat's package.json, found by walking up from this module (works bundled and from source). */
export function appRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (
      fs.existsSync(pkg) &&
      (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'moat'
    ) {
      cachedRoot = dir;
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find Moat's package.json above ${__dirname}`);
    dir = parent;
  }
}

export function resourcesDir(): string {
  return path.join(appRoot(), 'resources');
}

export function rendererDir(): string {
  return path.join(appRoot(), 'out', 'renderer');
}

/** $MOAT_HOME, else the given Electron userData, else ~/.local/share/moat (DESIGN.md "Data"). */
export function dataDir(electronUserData?: string): string {
  if (process.env.MOAT_HOME) return path.resolve(process.env.MOAT_HOME);
  if (electronUserData) return electronUserData;
  const xdg = process.env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share');
  return path.join(xdg, 'moat');
}
