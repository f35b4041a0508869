// The npm inventory of a real project tree equals what npm itself reports for it (npm ls, offline).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzers } from '../../agent/scan/inventory/registry';
import { openImageSource } from '../../agent/scan/open-source';
import { scanImage } from '../../agent/scan/scan-image';

interface LsNode {
  name?: string;
  version?: string;
  path?: string;
  dependencies?: Record<string, LsNode>;
}

let project = '';

beforeAll(() => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-npm-ls-'));
  project = path.join(tmp, 'npm-project');
  fs.cpSync(path.resolve(__dirname, '../fixtures/lang/npm-project'), project, { recursive: true });
});
afterAll(() => fs.rmSync(path.dirname(project), { recursive: true, force: true }));

/** "<path relative to the project> <name> <version>" for every installed package npm ls lists. */
function flatten(node: LsNode, root: string, out = new Set<string>()): Set<string> {
  for (const dep of Object.values(node.dependencies ?? {})) {
    if (!dep.path || !dep.version || !dep.name)
      throw new Error(`npm ls entry without path/name/version: ${JSON.stringify(dep)}`);
    out.add(`/${path.relative(root, dep.path)} ${dep.name} ${dep.version}`);
    flatten(dep, root, out);
  }
  return out;
}

describe('npm inventory of test/fixtures/lang/npm-project', () => {
  it('equals `npm ls --all --json --long --offline`, path for path', async () => {
    const r = spawnSync('npm', ['ls', '--all', '--json', '--long', '--offline'], {
      cwd: project,
      encoding: 'utf8',
    });
    expect(r.status, `npm ls failed: ${r.stderr}`).toBe(0);
    const expected = flatten(JSON.parse(r.stdout) as LsNode, project);
    expect(expected.size).toBe(6);

    const { source, kind } = await openImageSource(project);
    expect(kind).toBe('rootfs-dir');
    const inv = await scanImage(source, { analyzers });
    const installed = inv.packages.filter(
      (p) => p.ecosystem === 'npm' && p.foundIn.includes('/node_modules/'),
    );
    const got = installed.map((p) => `${path.posix.dirname(p.foundIn)} ${p.name} ${p.version}`);
    expect(got.sort()).toEqual([...expected].sort());
    // The lockfile view names the same packages and versions.
    const locked = inv.packages.filter((p) => p.foundIn === '/package-lock.json');
    expect(new Set(locked.map((p) => `${p.name} ${p.version}`))).toEqual(
      new Set([...expected].map((l) => l.split(' ').slice(1).join(' '))),
    );
  });
});
