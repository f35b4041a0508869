// Offline feed bundles: a tar of feed files plus manifest.json (sources, dates, sha256 of each file) and
// manifest.sig (Ed25519 over the manifest bytes). verifyBundle checks the signature and every digest
// before anything may be imported, and can extract the verified files in the same pass.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar-stream';

export interface BundleFile {
  /** Path inside the bundle: "feeds/1-bookworm.json". */
  name: string;
  /** Where the file came from (its path or URL when bundled). */
  source: string;
  size: number;
  sha256: string;
  /** The file's modification time when bundled. */
  modified: string;
}

export interface BundleManifest {
  format: 'moat-feed-bundle';
  version: 1;
  created: string;
  keyId: string;
  files: BundleFile[];
}

export interface VerifiedBundle {
  manifest: BundleManifest;
  /** Extracted paths of the verified files, in manifest order, when extractTo was given. */
  extracted: string[];
}

const MAX_META_BYTES = 1024 * 1024;

/** Short stable id of a public key: sha256 of its SPKI DER, first 16 hex digits. */
export function publicKeyId(key: KeyObject | string): string {
  const obj = typeof key === 'string' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(obj.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function generateBundleKeyPair(): { privateKeyPem: string; publicKeyPem: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: publicKeyId(publicKey),
  };
}

async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export async function createBundle(
  outPath: string,
  feedFiles: Array<string | { path: string; source?: string }>,
  privateKeyPem: string,
): Promise<BundleManifest> {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`bundle signing key is ${key.asymmetricKeyType}, not Ed25519`);
  const files: Array<BundleFile & { path: string }> = [];
  for (const [i, f] of feedFiles.entries()) {
    const p = typeof f === 'string' ? f : f.path;
    const info = await stat(p).catch((err: NodeJS.ErrnoException) => {
      throw new Error(`${p}: cannot bundle (${err.code ?? err.message})`);
    });
    if (!info.isFile())
      throw new Error(`${p}: only regular files can be bundled (zip or list a directory's files)`);
    files.push({
      path: p,
      name: `feeds/${i + 1}-${path.basename(p)}`,
      source: typeof f === 'string' ? f : (f.source ?? f.path),
      size: info.size,
      sha256: await sha256File(p),
      modified: info.mtime.toISOString(),
    });
  }
  const manifest: BundleManifest = {
    format: 'moat-feed-bundle',
    version: 1,
    created: new Date().toISOString(),
    keyId: publicKeyId(createPublicKey(key)),
    files: files.map(({ path: _p, ...rest }) => rest),
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
  const sig = Buffer.from(
    JSON.stringify({
      algorithm: 'ed25519',
      keyId: manifest.keyId,
      signature: sign(null, manifestBytes, key).toString('base64'),
    }),
  );

  const tmp = `${outPath}.${process.pid}.tmp`;
  const pack = tar.pack();
  const written = pipeline(pack, createWriteStream(tmp));
  try {
    pack.entry({ name: 'manifest.json', size: manifestBytes.length, mode: 0o644 }, manifestBytes);
    pack.entry({ name: 'manifest.sig', size: sig.length, mode: 0o644 }, sig);
    for (const f of files) {
      const entry = pack.entry({ name: f.name, size: f.size, mode: 0o644 });
      await pipeline(createReadStream(f.path), entry);
    }
    pack.finalize();
    await written;
    await rename(tmp, outPath);
  } catch (err) {
    pack.destroy();
    await written.catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
  return manifest;
}

function safeName(name: string, bundle: string): string {
  const norm = path.posix.normalize(name);
  if (norm.startsWith('/') || norm.startsWith('..') || norm.includes('\0'))
    throw new Error(`${bundle}: entry "${name.slice(0, 100)}" escapes the bundle`);
  return norm;
}

function parseManifest(bytes: Buffer, bundle: string): BundleManifest {
  let m: unknown;
  try {
    m = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new Error(`${bundle}: manifest.json is not valid JSON`);
  }
  const ok = (v: unknown): v is BundleManifest =>
    typeof v === 'object' &&
    v !== null &&
    (v as BundleManifest).format === 'moat-feed-bundle' &&
    Array.isArray((v as BundleManifest).files) &&
    (v as BundleManifest).files.every((f) => typeof f?.name === 'string' && typeof f.sha256 === 'string');
  if (!ok(m)) throw new Error(`${bundle}: manifest.json is not a Moat feed bundle manifest`);
  return m;
}

/** Checks signature and digests; throws a named error (unsigned, unknown key, tampered file) and leaves nothing extracted on failure. */
export async function verifyBundle(
  bundlePath: string,
  trustedPublicKeysPem: string[],
  opts: { extractTo?: string } = {},
): Promise<VerifiedBundle> {
  const meta = new Map<string, Buffer>();
  const digests = new Map<string, string>();
  const extracted = new Map<string, string>();
  const extract = tar.extract();
  const source = pipeline(createReadStream(bundlePath), extract).catch((err: Error) => {
    throw new Error(`${bundlePath}: not a readable bundle (${err.message})`);
  });
  try {
    for await (const entry of extract) {
      const name = safeName(entry.header.name, bundlePath);
      if (entry.header.type !== 'file')
        throw new Error(`${bundlePath}: entry "${name}" is not a regular file`);
      if (name === 'manifest.json' || name === 'manifest.sig') {
        const parts: Buffer[] = [];
        let size = 0;
        for await (const chunk of entry) {
          size += (chunk as Buffer).length;
          if (size > MAX_META_BYTES)
            throw new Error(`${bundlePath}: ${name} is larger than ${MAX_META_BYTES} bytes`);
          parts.push(chunk as Buffer);
        }
        meta.set(name, Buffer.concat(parts));
        continue;
      }
      if (digests.has(name)) throw new Error(`${bundlePath}: entry "${name}" appears twice`);
      const h = createHash('sha256');
      if (opts.extractTo) {
        const dest = path.join(opts.extractTo, name);
        await mkdir(path.dirname(dest), { recursive: true });
        const out = createWriteStream(dest);
        for await (const chunk of entry) {
          h.update(chunk as Buffer);
          if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
        }
        await new Promise<void>((resolve, reject) =>
          out.end((err?: Error | null) => (err ? reject(err) : resolve())),
        );
        extracted.set(name, dest);
      } else {
        for await (const chunk of entry) h.update(chunk as Buffer);
      }
      digests.set(name, h.digest('hex'));
    }
    await source;
    const manifestBytes = meta.get('manifest.json');
    if (!manifestBytes) throw new Error(`${bundlePath}: no manifest.json, not a feed bundle`);
    const sigBytes = meta.get('manifest.sig');
    if (!sigBytes) throw new Error(`${bundlePath}: unsigned bundle (no manifest.sig)`);
    let sig: { keyId?: unknown; signature?: unknown };
    try {
      sig = JSON.parse(sigBytes.toString('utf8')) as typeof sig;
    } catch {
      throw new Error(`${bundlePath}: manifest.sig is not valid JSON`);
    }
    const keys = trustedPublicKeysPem.map((pem) => createPublicKey(pem));
    const key = keys.find((k) => publicKeyId(k) === sig.keyId);
    if (!key)
      throw new Error(
        `${bundlePath}: signed by unknown key ${String(sig.keyId).slice(0, 40)}; it is not among the ${keys.length} trusted keys`,
      );
    if (
      typeof sig.signature !== 'string' ||
      !verify(null, manifestBytes, key, Buffer.from(sig.signature, 'base64'))
    ) {
      throw new Error(
        `${bundlePath}: signature does not match manifest.json (the manifest was changed or re-signed)`,
      );
    }
    const manifest = parseManifest(manifestBytes, bundlePath);
    for (const f of manifest.files) {
      const got = digests.get(f.name);
      if (got === undefined)
        throw new Error(`${bundlePath}: ${f.name} is listed in the manifest but missing`);
      if (got !== f.sha256)
        throw new Error(`${bundlePath}: ${f.name} was tampered with (sha256 ${got} ≠ manifest ${f.sha256})`);
    }
    const listed = new Set(manifest.files.map((f) => f.name));
    const extra = [...digests.keys()].find((n) => !listed.has(n));
    if (extra) throw new Error(`${bundlePath}: ${extra} is not listed in the signed manifest`);
    return {
      manifest,
      extracted: manifest.files.map((f) => extracted.get(f.name)).filter((p): p is string => p !== undefined),
    };
  } catch (caught) {
    const msg = (caught as Error).message;
    const err = msg.startsWith(bundlePath)
      ? caught
      : new Error(`${bundlePath}: not a readable bundle (${msg})`);
    extract.destroy();
    await source.catch(() => undefined);
    await Promise.all([...extracted.values()].map((p) => rm(p, { force: true })));
    throw err;
  }
}
