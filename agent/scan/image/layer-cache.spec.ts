import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testAnalyzers } from '../../../test/fixtures/image/build-layers';
import { LayerCache, analyzersKey } from './layer-cache';
import type { LayerResult } from './types';

const diffId = `sha256:${'c'.repeat(64)}`;
const result: LayerResult = {
  diffId,
  files: { '/a': { t: { packages: [] } } },
  whiteouts: ['/x'],
  opaqueDirs: [],
  fileCount: 1,
  bytes: 2048,
  entries: [],
  entriesTruncated: false,
  devicesIgnored: 0,
  warnings: [],
};

describe('LayerCache', () => {
  it('round-trips a result and leaves no temp files behind', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'moat-cache-'));
    const cache = new LayerCache(path.join(dir, 'nested'), analyzersKey(testAnalyzers));
    expect(await cache.get(diffId)).toBeUndefined();
    await cache.put(result);
    expect(await cache.get(diffId, true)).toEqual(result);
    // Without entries only the small main file is read.
    expect(await cache.get(diffId)).toEqual({ ...result, entries: [] });
    expect((await fs.readdir(path.join(dir, 'nested'))).sort()).toEqual([
      `${'c'.repeat(64)}-${analyzersKey(testAnalyzers)}.entries.json`,
      `${'c'.repeat(64)}-${analyzersKey(testAnalyzers)}.json`,
    ]);
    await fs.rm(path.join(dir, 'nested', `${'c'.repeat(64)}-${analyzersKey(testAnalyzers)}.entries.json`));
    expect(await cache.get(diffId, true)).toBeUndefined();
  });

  it('treats a file of the wrong shape or for another diffID as a miss', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'moat-cache-'));
    const cache = new LayerCache(dir, 'k');
    const file = path.join(dir, `${'c'.repeat(64)}-k.json`);
    await fs.writeFile(file, JSON.stringify({ ...result, diffId: `sha256:${'d'.repeat(64)}` }));
    expect(await cache.get(diffId)).toBeUndefined();
    await fs.writeFile(file, JSON.stringify({ ...result, files: null }));
    expect(await cache.get(diffId)).toBeUndefined();
    await fs.writeFile(file, '\u0000\u0001');
    expect(await cache.get(diffId)).toBeUndefined();
  });

  it('keys on the analyzer set, order-independent, and refuses non-digest diffIDs', async () => {
    const [a, b] = testAnalyzers;
    expect(analyzersKey([a, b])).toBe(analyzersKey([b, a]));
    expect(analyzersKey([a, b])).not.toBe(analyzersKey([a, { ...b, version: 2 }]));
    expect(analyzersKey([a])).not.toBe(analyzersKey([a, b]));
    await expect(new LayerCache(os.tmpdir(), 'k').get('sha256:../../etc/passwd')).rejects.toThrow(
      /is not a sha256 diffID/,
    );
  });
});
