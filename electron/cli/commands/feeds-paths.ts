// Where `moat feeds` keeps its files under the data directory, and the bundle keys it uses.
import { generateBundleKeyPair, publicKeyId } from '../../../agent/vuln/bundle';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface FeedPaths {
  dataDir: string;
  /** The console opens intel.db from here; imports swap it in by rename. */
  intelDb: string;
  /** Public keys (PEM) whose bundles may be imported. */
  trustedKeysDir: string;
  /** This machine's bundle signing key, made on first `feeds bundle`. */
  signingKey: string;
  signingPublicKey: string;
  /** Files fetched by `feeds update`, in the mirror layout, so `feeds bundle` can pack them. */
  feedCache: string;
  /** source URL -> cached file, for the feed rows whose source is a URL. */
  feedCacheIndex: string;
}

export function feedPaths(dataDir: string): FeedPaths {
  const keys = path.join(dataDir, 'keys');
  return {
    dataDir,
    intelDb: path.join(dataDir, 'intel.db'),
    trustedKeysDir: path.join(keys, 'trusted'),
    signingKey: path.join(keys, 'bundle-signing.pem'),
    signingPublicKey: path.join(keys, 'bundle-signing.pub.pem'),
    feedCache: path.join(dataDir, 'feeds'),
    feedCacheIndex: path.join(dataDir, 'feeds', 'index.json'),
  };
}

/** Trusted public keys from the trusted directory plus extra files; each file must hold a public key. */
export function loadTrustedKeys(p: FeedPaths, extra: readonly string[]): string[] {
  const files: string[] = [];
  if (fs.existsSync(p.trustedKeysDir)) {
    for (const name of fs.readdirSync(p.trustedKeysDir).sort()) {
      if (name.endsWith('.pem')) files.push(path.join(p.trustedKeysDir, name));
    }
  }
  files.push(...extra);
  return files.map((f) => {
    let pem: string;
    try {
      pem = fs.readFileSync(f, 'utf8');
    } catch (e) {
      throw new Error(`${f}: cannot read trusted key (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    try {
      createPublicKey(pem);
    } catch {
      throw new Error(`${f}: not a PEM public key`);
    }
    return pem;
  });
}

export interface SigningKey {
  privateKeyPem: string;
  keyId: string;
  /** A file holding the public key, to copy to the machines that import the bundle. */
  publicKeyPath: string;
  created: boolean;
}

/** The given key file, else this machine's key, generated (and trusted locally) on first use. */
export function signingKey(p: FeedPaths, keyFile?: string): SigningKey {
  if (keyFile) {
    let pem: string;
    try {
      pem = fs.readFileSync(keyFile, 'utf8');
    } catch (e) {
      throw new Error(
        `${keyFile}: cannot read signing key (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
      );
    }
    let pub;
    try {
      pub = createPublicKey(createPrivateKey(pem));
    } catch {
      throw new Error(`${keyFile}: not a PEM private key`);
    }
    const keyId = publicKeyId(pub);
    const publicKeyPath = path.join(path.dirname(p.signingPublicKey), `${keyId}.pub.pem`);
    fs.mkdirSync(path.dirname(publicKeyPath), { recursive: true });
    fs.writeFileSync(publicKeyPath, pub.export({ type: 'spki', format: 'pem' }).toString());
    return { privateKeyPem: pem, keyId, publicKeyPath, created: false };
  }
  if (fs.existsSync(p.signingKey)) {
    const pem = fs.readFileSync(p.signingKey, 'utf8');
    return {
      privateKeyPem: pem,
      keyId: publicKeyId(createPublicKey(createPrivateKey(pem))),
      publicKeyPath: p.signingPublicKey,
      created: false,
    };
  }
  const pair = generateBundleKeyPair();
  fs.mkdirSync(p.trustedKeysDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(p.signingKey, pair.privateKeyPem, { mode: 0o600, flag: 'wx' });
  fs.writeFileSync(p.signingPublicKey, pair.publicKeyPem);
  // Bundles made here are importable here without an extra step.
  fs.writeFileSync(path.join(p.trustedKeysDir, `local-${pair.keyId}.pem`), pair.publicKeyPem);
  return {
    privateKeyPem: pair.privateKeyPem,
    keyId: pair.keyId,
    publicKeyPath: p.signingPublicKey,
    created: true,
  };
}

export function readCacheIndex(p: FeedPaths): Record<string, string> {
  try {
    const v = JSON.parse(fs.readFileSync(p.feedCacheIndex, 'utf8')) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function writeCacheIndex(p: FeedPaths, index: Record<string, string>): void {
  fs.mkdirSync(p.feedCache, { recursive: true });
  const tmp = `${p.feedCacheIndex}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(index, null, 2));
  fs.renameSync(tmp, p.feedCacheIndex);
}
