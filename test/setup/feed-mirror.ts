// A feed mirror in the published layout, built from the shared test data, for `feeds update` tests.
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { testdata } from './testdata';

/** The mirror layout: alpine-secdb/<branch>/<repo>.json, debian-tracker/data.json, osv/<Ecosystem>/all.zip. */
export function buildMirror(root: string): void {
  const secdb = testdata('feeds/alpine-secdb');
  for (const branch of fs.readdirSync(secdb)) {
    fs.mkdirSync(path.join(root, 'alpine-secdb', branch), { recursive: true });
    for (const f of fs.readdirSync(path.join(secdb, branch)))
      fs.copyFileSync(path.join(secdb, branch, f), path.join(root, 'alpine-secdb', branch, f));
  }
  fs.mkdirSync(path.join(root, 'debian-tracker'), { recursive: true });
  fs.copyFileSync(
    testdata('feeds/debian-tracker/bookworm.json'),
    path.join(root, 'debian-tracker', 'data.json'),
  );
  for (const eco of ['npm', 'Go']) {
    const dir = testdata('feeds/osv', eco);
    const files: Record<string, Uint8Array> = {};
    for (const f of fs.readdirSync(dir)) files[f] = fs.readFileSync(path.join(dir, f));
    fs.mkdirSync(path.join(root, 'osv', eco), { recursive: true });
    fs.writeFileSync(path.join(root, 'osv', eco, 'all.zip'), zipSync(files));
  }
}
