import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import type { Analyzer } from '../../../model/analyzer';
import { langAnalyzers } from './index';

// One path each analyzer accepts, so random bytes reach every parser through its analyzer.
const SAMPLE_PATH: Record<string, string> = {
  'npm-package': '/app/node_modules/x/package.json',
  'npm-lock': '/app/package-lock.json',
  'yarn-lock': '/app/yarn.lock',
  'pnpm-lock': '/app/pnpm-lock.yaml',
  'python-dist': '/site/x-1.dist-info/METADATA',
  'python-requirements': '/app/requirements.txt',
  'poetry-lock': '/app/poetry.lock',
  'pipfile-lock': '/app/Pipfile.lock',
  'go-binary': '/usr/bin/prog',
  'java-archive': '/opt/app.jar',
  gemspec: '/gems/specifications/x-1.0.gemspec',
  'cargo-lock': '/src/Cargo.lock',
  'rust-binary': '/usr/bin/prog',
  'composer-lock': '/app/composer.lock',
  'composer-installed': '/app/vendor/composer/installed.json',
  'dotnet-deps': '/app/x.deps.json',
  'runtime-node': '/usr/local/bin/node',
  'runtime-python': '/usr/local/bin/python3.11',
  'runtime-java': '/opt/jdk/release',
  'runtime-go': '/usr/local/go/VERSION',
};

/** Either a well-formed result or an Error that names the file (or, for archives, its name). */
async function safely(a: Analyzer, bytes: Uint8Array): Promise<void> {
  const p = SAMPLE_PATH[a.type];
  const content = Buffer.from(bytes);
  try {
    const result = await a.analyze({ path: p, size: content.length, mode: 0o755, content });
    for (const pkg of result.packages ?? []) {
      expect(pkg.name.length).toBeGreaterThan(0);
      expect(pkg.version.length).toBeGreaterThan(0);
      expect(pkg.purl.startsWith('pkg:')).toBe(true);
      expect(pkg.foundIn).toBe(p);
    }
  } catch (err) {
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain(p.slice(p.lastIndexOf('/') + 1));
  }
}

describe('every language analyzer on hostile bytes', () => {
  it('has a sample path for each analyzer, accepted by its required()', () => {
    for (const a of langAnalyzers)
      expect(a.required({ path: SAMPLE_PATH[a.type], size: 4096, mode: 0o755 })).toBe(true);
  });

  it.each(langAnalyzers.map((a) => [a.type, a] as const))('%s: random bytes', async (_type, a) => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), (bytes) => safely(a, bytes)),
      { numRuns: 150 },
    );
  });

  it.each(langAnalyzers.map((a) => [a.type, a] as const))(
    '%s: ELF magic then garbage, and a 10 MB line',
    async (_type, a) => {
      const elfish = Buffer.concat([
        Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]),
        Buffer.alloc(4096, 0xff),
      ]);
      await safely(a, elfish);
      await safely(a, Buffer.alloc(10 * 1024 * 1024, 0x61));
    },
  );

  it.each([
    ['npm-lock', '{"lockfileVersion":3,"packages":{"node_modules/a":{"version":1.5}}}'],
    ['npm-package', '{"name":["a"],"version":{"major":1}}'],
    ['composer-lock', '{"packages":[{"name":"a/b","version":["1"]}]}'],
    ['pipfile-lock', '{"default":{"a":{"version":2}}}'],
    ['dotnet-deps', '{"libraries":{"A/1.0":"package"}}'],
  ])('%s: wrong JSON value types yield no packages', async (type, text) => {
    const a = langAnalyzers.find((x) => x.type === type)!;
    const content = Buffer.from(text);
    const result = await a.analyze({ path: SAMPLE_PATH[type], size: content.length, mode: 0o644, content });
    expect(result.packages).toEqual([]);
  });
});
