import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tar from 'tar-stream';
import { testdata } from '../../test/setup/testdata';
import { createBundle, generateBundleKeyPair, verifyBundle } from './bundle';

/** Rewrites a bundle, letting the test change entries (tampering as an attacker would). */
async function rewrite(
  src: string,
  dest: string,
  edit: (name: string, data: Buffer) => Buffer | undefined,
  add: Array<[string, Buffer]> = [],
): Promise<void> {
  const entries: Array<[string, Buffer]> = [];
  const ex = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (h, stream, next) => {
      const parts: Buffer[] = [];
      stream.on('data', (c: unknown) => {
        parts.push(c as Buffer);
      });
      stream.on('end', () => {
        const out = edit(h.name, Buffer.concat(parts));
        if (out) entries.push([h.name, out]);
        next();
      });
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
  });
  ex.end(readFileSync(src));
  await done;
  const pack = tar.pack();
  for (const [name, data] of [...entries, ...add]) pack.entry({ name }, data);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  writeFileSync(dest, Buffer.concat(chunks));
}

describe('feed bundles', () => {
  const keys = generateBundleKeyPair();
  const other = generateBundleKeyPair();
  let dir: string;
  let bundle: string;
  const feeds = [testdata('feeds/alpine-secdb/v3.11/main.json'), testdata('feeds/nvd/CVE-2019-1551.json')];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'moat-bundle-'));
    bundle = path.join(dir, 'feeds.tar');
    await createBundle(bundle, feeds, keys.privateKeyPem);
  });

  it('signs a manifest of every file and verifies it, extracting exactly the verified files', async () => {
    const out = path.join(dir, 'x');
    const v = await verifyBundle(bundle, [other.publicKeyPem, keys.publicKeyPem], { extractTo: out });
    expect(v.manifest.keyId).toBe(keys.keyId);
    expect(v.manifest.files.map((f) => [f.name, f.size])).toEqual([
      ['feeds/1-main.json', readFileSync(feeds[0]).length],
      ['feeds/2-CVE-2019-1551.json', readFileSync(feeds[1]).length],
    ]);
    expect(v.manifest.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(v.extracted[0]).equals(readFileSync(feeds[0]))).toBe(true);
  });

  it('refuses a bundle signed by a key that is not trusted', async () => {
    await expect(verifyBundle(bundle, [other.publicKeyPem])).rejects.toThrow(
      `signed by unknown key ${keys.keyId}`,
    );
  });

  it('refuses an unsigned bundle', async () => {
    const p = path.join(dir, 'unsigned.tar');
    await rewrite(bundle, p, (n, d) => (n === 'manifest.sig' ? undefined : d));
    await expect(verifyBundle(p, [keys.publicKeyPem])).rejects.toThrow(`${p}: unsigned bundle`);
  });

  it('refuses a tampered feed file, an edited manifest and an extra file, leaving nothing extracted', async () => {
    const t1 = path.join(dir, 'tampered.tar');
    await rewrite(bundle, t1, (n, d) =>
      n.endsWith('main.json') ? Buffer.from(d.toString().replace('1.1.1d-r3', '1.1.1d-r9')) : d,
    );
    const out = path.join(dir, 'y');
    await expect(verifyBundle(t1, [keys.publicKeyPem], { extractTo: out })).rejects.toThrow(
      /feeds\/1-main\.json was tampered with/,
    );
    expect(existsSync(path.join(out, 'feeds/1-main.json'))).toBe(false);

    const t2 = path.join(dir, 'manifest.tar');
    await rewrite(bundle, t2, (n, d) =>
      n === 'manifest.json' ? Buffer.from(d.toString().replace('"size": ', '"size": 1')) : d,
    );
    await expect(verifyBundle(t2, [keys.publicKeyPem])).rejects.toThrow(
      'signature does not match manifest.json',
    );

    const withExtra = path.join(dir, 'extra.tar');
    await rewrite(bundle, withExtra, (_n, d) => d, [['feeds/evil.json', Buffer.from('[]')]]);
    await expect(verifyBundle(withExtra, [keys.publicKeyPem])).rejects.toThrow(
      'feeds/evil.json is not listed in the signed manifest',
    );
  });

  it('refuses truncated, garbage and path-escaping bundles by name', async () => {
    const cut = path.join(dir, 'cut.tar');
    writeFileSync(cut, readFileSync(bundle).subarray(0, 3000));
    await expect(verifyBundle(cut, [keys.publicKeyPem])).rejects.toThrow(cut);
    const junk = path.join(dir, 'junk.tar');
    writeFileSync(junk, Buffer.alloc(2048, 7));
    await expect(verifyBundle(junk, [keys.publicKeyPem])).rejects.toThrow(junk);
    const evil = path.join(dir, 'evil.tar');
    await rewrite(bundle, evil, (_n, d) => d, [['../../etc/passwd', Buffer.from('x')]]);
    await expect(verifyBundle(evil, [keys.publicKeyPem], { extractTo: path.join(dir, 'z') })).rejects.toThrow(
      'escapes the bundle',
    );
    expect(readdirSync(dir)).not.toContain('etc');
  });

  it('refuses a non-Ed25519 signing key and a missing feed file', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    await expect(createBundle(path.join(dir, 'r.tar'), feeds, rsa)).rejects.toThrow('not Ed25519');
    await expect(
      createBundle(path.join(dir, 'm.tar'), [path.join(dir, 'nope.json')], keys.privateKeyPem),
    ).rejects.toThrow(/nope\.json: cannot bundle/);
  });
});
