// Builds Moat's test images into the local daemon, each cached by the hash of its inputs (label moat.test.hash),
// with a `docker save` tarball of each kept outside the repository. No registry is needed: everything is built
// from Debian's busybox-static, a debootstrap root filesystem and the shared test data.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pack } from 'tar-stream';
import { docker, dockerOk, requireDocker, requireRoot } from './docker-cli';
import { testdata } from './testdata';

export const IMAGE_NAMES = {
  busybox: 'moat-test/busybox:latest',
  debianVuln: 'moat-test/debian-vuln:latest',
  nodeappV1: 'moat-test/nodeapp:v1',
  nodeappV2: 'moat-test/nodeapp:v2',
  alpineApk: 'moat-test/alpine-apk:latest',
  /** FROM alpine-apk plus an npm app: findings of its own layer vs ones inherited from the base. */
  alpineDerived: 'moat-test/alpine-derived:latest',
} as const;

export type TestImageKey = keyof typeof IMAGE_NAMES;

export interface TestImage {
  ref: string;
  id: string;
  /** `docker save` tarball of the image. */
  archive: string;
}

export type TestImages = Record<TestImageKey, TestImage>;

export const NODEAPP_ENV = {
  CLIENT_ID: '9aadafc1-bd59-4575-847a-21f0f0a517ea',
  SECRET_KEY: '~DUUvI~gbnZ_~~zrj3J4i83q69vuJGczn0',
};

export function testCacheDir(): string {
  const dir = process.env.MOAT_TEST_CACHE ?? path.join(os.homedir(), '.cache', 'moat-test');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

type Files = Record<string, { content: Buffer | string; mode?: number }>;

function hashOf(...parts: Array<string | Buffer>): string {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex').slice(0, 16);
}

function filesHash(files: Files): string {
  return hashOf(...Object.entries(files).flatMap(([k, v]) => [k, String(v.mode ?? 0o644), v.content]));
}

function labelOf(ref: string): string | undefined {
  if (!dockerOk('image', 'inspect', ref)) return undefined;
  return docker('image', 'inspect', '--format', '{{ index .Config.Labels "moat.test.hash" }}', ref);
}

/** `docker build` from an in-memory context (legacy builder through the CLI, BuildKit not needed). */
function build(ref: string, hash: string, files: Files): void {
  const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-build-'));
  try {
    for (const [name, f] of Object.entries(files)) {
      const p = path.join(ctx, name);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, f.content, { mode: f.mode ?? 0o644 });
    }
    const r = spawnSync('docker', ['build', '-q', '--label', `moat.test.hash=${hash}`, '-t', ref, ctx], {
      encoding: 'utf8',
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
    });
    if (r.status !== 0) throw new Error(`docker build of ${ref} failed: ${r.stderr || r.stdout}`);
  } finally {
    fs.rmSync(ctx, { recursive: true, force: true });
  }
}

function ensureBuilt(ref: string, hash: string, make: () => void): void {
  if (labelOf(ref) === hash) return;
  process.stderr.write(`[test-images] building ${ref} (${hash})\n`);
  make();
  if (labelOf(ref) !== hash) throw new Error(`built ${ref} but its moat.test.hash label is not ${hash}`);
}

function ensureArchive(ref: string, hash: string): TestImage {
  const id = docker('image', 'inspect', '--format', '{{.Id}}', ref);
  const archive = path.join(testCacheDir(), `${ref.replace(/[/:]/g, '_')}-${hash}.tar`);
  if (!fs.existsSync(archive)) {
    const tmp = `${archive}.${process.pid}.tmp`;
    docker('save', '-o', tmp, ref);
    fs.renameSync(tmp, archive);
  }
  return { ref, id, archive };
}

function busyboxFiles(): Files {
  return {
    busybox: { content: fs.readFileSync('/bin/busybox'), mode: 0o755 },
    Dockerfile: {
      content: [
        'FROM scratch',
        'COPY busybox /bin/busybox',
        'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
        'RUN mkdir -p /tmp /etc && echo "root:x:0:0:root:/root:/bin/sh" > /etc/passwd',
        'CMD ["/bin/sh"]',
      ].join('\n'),
    },
  };
}

function nodeappFiles(compliant: boolean, base: string): Files {
  const lines = [
    `FROM ${IMAGE_NAMES.busybox}`,
    'WORKDIR /app',
    'COPY app/ /app/',
    ...(compliant
      ? []
      : [
          'COPY sensitive.txt /tmp/sensitive.txt',
          `ENV CLIENT_ID="${NODEAPP_ENV.CLIENT_ID}"`,
          `ENV SECRET_KEY="${NODEAPP_ENV.SECRET_KEY}"`,
          'COPY server.key /app/config/server.key',
        ]),
    'EXPOSE 8080',
    'CMD ["httpd", "-f", "-p", "8080", "-h", "/app/public"]',
  ];
  const files: Files = {
    Dockerfile: { content: lines.join('\n') + '\n' },
    'app/package.json': {
      content: JSON.stringify(
        { name: 'nodeapp', version: '1.0.0', dependencies: { minimist: '0.0.8' } },
        null,
        2,
      ),
    },
    'app/server.js': { content: "require('http').createServer((q, s) => s.end('hello')).listen(8080);\n" },
    'app/public/index.html': { content: '<h1>nodeapp</h1>\n' },
    'app/node_modules/minimist/package.json': {
      content: JSON.stringify(
        { name: 'minimist', version: '0.0.8', license: 'MIT', main: 'index.js' },
        null,
        2,
      ),
    },
    'app/node_modules/minimist/index.js': { content: 'module.exports = function parse() { return {}; };\n' },
    base: { content: base },
  };
  if (!compliant) {
    files['sensitive.txt'] = { content: 'super sensitive\n' };
    // A fresh key each build: the image must hold a real PEM private key, but none is kept in the repository.
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    files['server.key'] = {
      content: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      mode: 0o600,
    };
  }
  return files;
}

function alpineFiles(): Files {
  const dir = testdata('fixtures', 'apk', 'alpine-3.10');
  return {
    Dockerfile: {
      content: [
        `FROM ${IMAGE_NAMES.busybox}`,
        'COPY installed /lib/apk/db/installed',
        'COPY alpine-release /etc/alpine-release',
        'COPY os-release /etc/os-release',
      ].join('\n'),
    },
    installed: { content: fs.readFileSync(path.join(dir, 'installed')) },
    'alpine-release': { content: fs.readFileSync(path.join(dir, 'alpine-release')) },
    'os-release': { content: fs.readFileSync(path.join(dir, 'os-release')) },
  };
}

/** An app layer with minimist 0.0.8 (known vulnerable in the OSV npm records) on top of the Alpine test image. */
function alpineDerivedFiles(base: string): Files {
  return {
    Dockerfile: {
      content:
        [`FROM ${IMAGE_NAMES.alpineApk}`, 'WORKDIR /app', 'COPY app/ /app/', 'CMD ["/bin/sh"]'].join('\n') +
        '\n',
    },
    'app/package.json': {
      content: JSON.stringify(
        { name: 'derived', version: '1.0.0', dependencies: { minimist: '0.0.8' } },
        null,
        2,
      ),
    },
    'app/node_modules/minimist/package.json': {
      content: JSON.stringify(
        { name: 'minimist', version: '0.0.8', license: 'MIT', main: 'index.js' },
        null,
        2,
      ),
    },
    'app/node_modules/minimist/index.js': { content: 'module.exports = function parse() { return {}; };\n' },
    base: { content: base },
  };
}

function debianVulnHash(): string {
  const dir = testdata('fixtures', 'debian');
  return hashOf(
    fs.readFileSync(path.join(dir, 'build-vulnerable-rootfs.sh')),
    fs.readFileSync(path.join(dir, 'versions.json')),
  );
}

function buildDebianVuln(hash: string): void {
  requireRoot('moat-test/debian-vuln is built with debootstrap');
  if (spawnSync('which', ['debootstrap']).status !== 0)
    throw new Error('debootstrap is missing (apt-get install debootstrap)');
  const rootfs = path.join(testCacheDir(), `debian-vuln-rootfs-${hash}.tar.gz`);
  if (!fs.existsSync(rootfs)) {
    const tmp = `${rootfs}.${process.pid}.tmp.tar.gz`;
    const script = testdata('fixtures', 'debian', 'build-vulnerable-rootfs.sh');
    const r = spawnSync('bash', [script, tmp], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, SKIP_UNAVAILABLE: '1' },
    });
    if (r.status !== 0) throw new Error(`${script} failed with status ${r.status}`);
    fs.renameSync(tmp, rootfs);
  }
  docker(
    'import',
    '--change',
    `LABEL moat.test.hash=${hash}`,
    '--change',
    'CMD ["/bin/bash"]',
    rootfs,
    IMAGE_NAMES.debianVuln,
  );
}

/** Builds (or reuses) every test image and its `docker save` tarball. */
export function ensureTestImages(): TestImages {
  requireDocker();
  const bbFiles = busyboxFiles();
  const bbHash = filesHash(bbFiles);
  ensureBuilt(IMAGE_NAMES.busybox, bbHash, () => build(IMAGE_NAMES.busybox, bbHash, bbFiles));

  // Derived images carry the base's hash, so a rebuilt busybox rebuilds them too.
  const v1 = nodeappFiles(false, bbHash);
  const v1Hash = hashOf(filesHash({ ...v1, 'server.key': { content: 'generated' } }));
  ensureBuilt(IMAGE_NAMES.nodeappV1, v1Hash, () => build(IMAGE_NAMES.nodeappV1, v1Hash, v1));
  const v2 = nodeappFiles(true, bbHash);
  const v2Hash = filesHash(v2);
  ensureBuilt(IMAGE_NAMES.nodeappV2, v2Hash, () => build(IMAGE_NAMES.nodeappV2, v2Hash, v2));
  const apk = { ...alpineFiles(), base: { content: bbHash } };
  const apkHash = filesHash(apk);
  ensureBuilt(IMAGE_NAMES.alpineApk, apkHash, () => build(IMAGE_NAMES.alpineApk, apkHash, apk));
  const derived = alpineDerivedFiles(apkHash);
  const derivedHash = filesHash(derived);
  ensureBuilt(IMAGE_NAMES.alpineDerived, derivedHash, () =>
    build(IMAGE_NAMES.alpineDerived, derivedHash, derived),
  );
  const dvHash = debianVulnHash();
  ensureBuilt(IMAGE_NAMES.debianVuln, dvHash, () => buildDebianVuln(dvHash));

  return {
    busybox: ensureArchive(IMAGE_NAMES.busybox, bbHash),
    nodeappV1: ensureArchive(IMAGE_NAMES.nodeappV1, v1Hash),
    nodeappV2: ensureArchive(IMAGE_NAMES.nodeappV2, v2Hash),
    alpineApk: ensureArchive(IMAGE_NAMES.alpineApk, apkHash),
    alpineDerived: ensureArchive(IMAGE_NAMES.alpineDerived, derivedHash),
    debianVuln: ensureArchive(IMAGE_NAMES.debianVuln, dvHash),
  };
}

/** A tar stream in memory, for tests that craft their own inputs. */
export async function tarBuffer(
  entries: Array<{ name: string; content?: string | Buffer; mode?: number }>,
): Promise<Buffer> {
  const p = pack();
  for (const e of entries) p.entry({ name: e.name, mode: e.mode ?? 0o644 }, e.content ?? '');
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
