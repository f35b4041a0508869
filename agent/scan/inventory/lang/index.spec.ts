import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, it, expect } from 'vitest';
import type { AnalyzerInput, FileMeta } from '../../../model/analyzer';
import type { Package } from '../../../model/package';
import { cargoAuditableElf, goBuildInfoPointerElf } from '../../../../test/fixtures/lang/builders';
import { langAnalyzers } from './index';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/lang');

function meta(p: string, size = 2048, mode = 0o644): FileMeta {
  return { path: p, size, mode };
}

/** Runs every language analyzer that wants the file, like the layer walker does. */
async function analyzeFile(input: AnalyzerInput): Promise<{ type: string; packages: Package[] }[]> {
  const out: { type: string; packages: Package[] }[] = [];
  for (const a of langAnalyzers) {
    if (!a.required(input)) continue;
    if (a.maxBytes !== undefined && input.size > a.maxBytes) continue;
    out.push({ type: a.type, packages: (await a.analyze(input)).packages ?? [] });
  }
  return out;
}

function wanting(file: FileMeta): string[] {
  return langAnalyzers.filter((a) => a.required(file)).map((a) => a.type);
}

describe('langAnalyzers registry', () => {
  it('has unique types, version 1 and a size bound on every analyzer', () => {
    const types = langAnalyzers.map((a) => a.type);
    expect(new Set(types).size).toBe(types.length);
    expect(types.length).toBe(20);
    for (const a of langAnalyzers) {
      expect(a.version).toBe(1);
      expect(a.maxBytes).toBeGreaterThan(0);
    }
  });

  it.each([
    ['/app/node_modules/minimist/package.json', 0o644, ['npm-package']],
    ['/app/node_modules/@types/node/package.json', 0o644, ['npm-package']],
    ['/app/node_modules/a/node_modules/b/package.json', 0o644, ['npm-package']],
    ['/app/package.json', 0o644, []],
    ['/app/node_modules/a/lib/package.json', 0o644, []],
    ['/app/node_modules/.package-lock.json', 0o644, []],
    ['/app/package-lock.json', 0o644, ['npm-lock']],
    ['/app/node_modules/x/package-lock.json', 0o644, []],
    ['/app/yarn.lock', 0o644, ['yarn-lock']],
    ['/app/pnpm-lock.yaml', 0o644, ['pnpm-lock']],
    ['/usr/lib/python3/dist-packages/requests-2.31.0.dist-info/METADATA', 0o644, ['python-dist']],
    ['/usr/lib/python3/site-packages/six-1.16.0.egg-info/PKG-INFO', 0o644, ['python-dist']],
    ['/app/requirements-dev.txt', 0o644, ['python-requirements']],
    ['/app/poetry.lock', 0o644, ['poetry-lock']],
    ['/app/Pipfile.lock', 0o644, ['pipfile-lock']],
    ['/usr/local/bin/app', 0o755, ['go-binary', 'rust-binary']],
    ['/usr/local/bin/entrypoint.sh', 0o755, []],
    ['/usr/share/doc/readme', 0o644, []],
    ['/opt/app.jar', 0o644, ['java-archive']],
    ['/usr/local/bundle/specifications/rake-13.0.6.gemspec', 0o644, ['gemspec']],
    ['/src/Cargo.lock', 0o644, ['cargo-lock']],
    ['/var/www/composer.lock', 0o644, ['composer-lock']],
    ['/var/www/vendor/composer/installed.json', 0o644, ['composer-installed']],
    ['/app/MyApp.deps.json', 0o644, ['dotnet-deps']],
    ['/usr/local/include/node/node_version.h', 0o644, ['runtime-node']],
    ['/usr/local/bin/node', 0o755, ['go-binary', 'rust-binary', 'runtime-node']],
    ['/usr/local/include/python3.11/patchlevel.h', 0o644, ['runtime-python']],
    ['/usr/local/bin/python3.11', 0o755, ['go-binary', 'rust-binary', 'runtime-python']],
    ['/opt/java/openjdk/release', 0o644, ['runtime-java']],
    ['/etc/release', 0o644, []],
    ['/usr/local/go/VERSION', 0o644, ['runtime-go']],
  ])('required(%s)', (p, mode, expected) => {
    expect(wanting(meta(p, 2048, mode))).toEqual(expected);
  });
});

describe('npm project fixture', () => {
  it('node_modules inventory equals the package-lock.json (v3) inventory', async () => {
    const root = path.join(FIXTURES, 'npm-project');
    const byType = new Map<string, Package[]>();
    const walk = async (dir: string): Promise<void> => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          await walk(full);
          continue;
        }
        const content = readFileSync(full);
        const image = '/app/' + path.relative(root, full).split(path.sep).join('/');
        for (const r of await analyzeFile({ path: image, size: content.length, mode: 0o644, content })) {
          byType.set(r.type, [...(byType.get(r.type) ?? []), ...r.packages]);
        }
      }
    };
    await walk(root);
    expect([...byType.keys()].sort()).toEqual(['npm-lock', 'npm-package']);
    const key = (p: Package): string => `${p.purl} ${p.licenses.join(',')}`;
    const installed = byType.get('npm-package')!.map(key).sort();
    const locked = byType.get('npm-lock')!.map(key).sort();
    expect(installed).toEqual(locked);
    expect(locked).toEqual([
      'pkg:npm/%40tootallnate/once@1.1.2 MIT',
      'pkg:npm/ansi-regex@3.0.0 MIT',
      'pkg:npm/minimist@0.0.8 MIT',
      'pkg:npm/minimist@1.2.5 MIT',
      'pkg:npm/mkdirp@0.5.1 MIT',
      'pkg:npm/strip-ansi@4.0.0 MIT',
    ]);
    const nested = byType.get('npm-package')!.find((p) => p.version === '0.0.8');
    expect(nested).toMatchObject({
      name: 'minimist',
      ecosystem: 'npm',
      foundIn: '/app/node_modules/mkdirp/node_modules/minimist/package.json',
    });
  });
});

describe('binary analyzers', () => {
  it('reports Go modules and stdlib from a crafted pre-1.18 binary', async () => {
    const content = goBuildInfoPointerElf(
      'go1.16.15',
      'path\texample.com/app\nmod\texample.com/app\tv1.0.0\th1:x=\ndep\tgithub.com/google/uuid\tv1.3.0\th1:y=\n',
    );
    const results = await analyzeFile({
      path: '/usr/local/bin/app',
      size: content.length,
      mode: 0o755,
      content,
    });
    const go = results.find((r) => r.type === 'go-binary')!.packages;
    expect(go.map((p) => p.purl)).toEqual([
      'pkg:golang/example.com/app@v1.0.0',
      'pkg:golang/github.com/google/uuid@v1.3.0',
      'pkg:golang/stdlib@1.16.15',
    ]);
    expect(go.every((p) => p.ecosystem === 'golang' && p.foundIn === '/usr/local/bin/app')).toBe(true);
    expect(results.find((r) => r.type === 'rust-binary')!.packages).toEqual([]);
  });

  it('reports the Go toolchain of a real Go binary on this machine (copied to a temp dir)', async () => {
    // Docker's own programs are Go binaries and the project requires a Docker host.
    const candidates = [
      '/usr/bin/runc',
      '/usr/sbin/runc',
      '/usr/bin/containerd',
      '/usr/bin/docker',
      '/usr/local/bin/docker',
    ];
    const source = candidates.find(
      (c) => existsSync(c) && readFileSync(c).includes('\xff Go buildinf:', 0, 'latin1'),
    );
    expect(source, `none of ${candidates.join(', ')} is a Go binary`).toBeDefined();
    const dir = mkdtempSync(path.join(tmpdir(), 'moat-go-'));
    try {
      const copy = path.join(dir, 'prog');
      copyFileSync(source!, copy);
      const content = readFileSync(copy);
      const results = await analyzeFile({
        path: '/usr/bin/prog',
        size: content.length,
        mode: statSync(copy).mode,
        content,
      });
      const stdlib = results.find((r) => r.type === 'go-binary')!.packages.find((p) => p.name === 'stdlib');
      const embedded = /go(1\.\d+(?:\.\d+)?)/.exec(
        content.toString('latin1', content.indexOf('\xff Go buildinf:', 0, 'latin1')),
      )?.[1];
      expect(stdlib?.version).toBe(embedded);
      expect(stdlib?.purl).toBe(`pkg:golang/stdlib@${embedded}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports cargo-auditable dependencies as cargo packages', async () => {
    const content = cargoAuditableElf({
      packages: [{ name: 'memchr', version: '2.6.4', source: 'crates.io' }],
    });
    const results = await analyzeFile({ path: '/usr/bin/rg', size: content.length, mode: 0o755, content });
    expect(results.find((r) => r.type === 'rust-binary')!.packages).toEqual([
      {
        name: 'memchr',
        version: '2.6.4',
        ecosystem: 'cargo',
        purl: 'pkg:cargo/memchr@2.6.4',
        licenses: [],
        foundIn: '/usr/bin/rg',
      },
    ]);
    expect(results.find((r) => r.type === 'go-binary')!.packages).toEqual([]);
  });

  it('ignores non-ELF executables and binary garbage', async () => {
    const content = Buffer.concat([Buffer.from('#!/bin/sh\n'), Buffer.alloc(4096, 0xaa)]);
    const results = await analyzeFile({ path: '/usr/bin/tool', size: content.length, mode: 0o755, content });
    expect(results.map((r) => r.packages)).toEqual([[], []]);
  });
});

describe('other analyzers produce complete Packages', () => {
  it('maven purls carry the group; names are group:artifact', async () => {
    const content = Buffer.from(
      zipSync({
        'META-INF/maven/org.yaml/snakeyaml/pom.properties': new TextEncoder().encode(
          'groupId=org.yaml\nartifactId=snakeyaml\nversion=1.33\n',
        ),
      }),
    );
    const [r] = await analyzeFile({
      path: '/opt/app/lib/snakeyaml.jar',
      size: content.length,
      mode: 0o644,
      content,
    });
    expect(r.packages).toEqual([
      {
        name: 'org.yaml:snakeyaml',
        version: '1.33',
        ecosystem: 'maven',
        purl: 'pkg:maven/org.yaml/snakeyaml@1.33',
        licenses: [],
        foundIn: '/opt/app/lib/snakeyaml.jar',
      },
    ]);
  });

  it.each([
    [
      '/var/www/composer.lock',
      '{"packages":[{"name":"monolog/monolog","version":"3.5.0","license":["MIT"]}]}',
      'pkg:composer/monolog/monolog@3.5.0',
    ],
    [
      '/usr/lib/python3/site-packages/Foo_Bar-1.0.dist-info/METADATA',
      'Name: Foo_Bar\nVersion: 1.0\n',
      'pkg:pypi/foo-bar@1.0',
    ],
    [
      '/app/x.deps.json',
      '{"libraries":{"Newtonsoft.Json/13.0.1":{"type":"package"}}}',
      'pkg:nuget/Newtonsoft.Json@13.0.1',
    ],
    [
      '/usr/local/bundle/specifications/rake-13.0.6.gemspec',
      's.name = "rake"\ns.version = "13.0.6"\n',
      'pkg:gem/rake@13.0.6',
    ],
    ['/src/Cargo.lock', '[[package]]\nname = "smallvec"\nversion = "1.6.0"\n', 'pkg:cargo/smallvec@1.6.0'],
    ['/usr/local/go/VERSION', 'go1.21.5\n', 'pkg:generic/go@1.21.5'],
    ['/opt/java/openjdk/release', 'JAVA_VERSION="17.0.2"\n', 'pkg:generic/java@17.0.2'],
    [
      '/usr/local/include/python3.11/patchlevel.h',
      '#define PY_VERSION "3.11.4"\n',
      'pkg:generic/python@3.11.4',
    ],
    [
      '/usr/local/include/node/node_version.h',
      '#define NODE_MAJOR_VERSION 20\n#define NODE_MINOR_VERSION 1\n#define NODE_PATCH_VERSION 0\n',
      'pkg:generic/node@20.1.0',
    ],
  ])('%s', async (p, text, purl) => {
    const content = Buffer.from(text);
    const results = await analyzeFile({ path: p, size: content.length, mode: 0o644, content });
    expect(results).toHaveLength(1);
    expect(results[0].packages.map((x) => x.purl)).toEqual([purl]);
    expect(results[0].packages[0].foundIn).toBe(p);
  });

  it('a runtime file without a version yields no package rather than an empty one', async () => {
    const content = Buffer.from('NAME="not a jdk"\n');
    const results = await analyzeFile({
      path: '/opt/thing/release',
      size: content.length,
      mode: 0o644,
      content,
    });
    expect(results).toEqual([{ type: 'runtime-java', packages: [] }]);
  });
});
