import { createHash, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testdata } from '../../../test/setup/testdata';
import type { ImageInventory } from '../../scan/scan-image';
import { builtinMinerNames, builtinSignatures } from './builtin';
import { credentialIn, isCredentialPath, isMinerName, privateKeyKinds } from './file-rules';
import { ComplianceCollector } from './image-facts';
import { addSignatures, emptySignatureSet, parseHashLines } from './signatures';

const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
const eicar = fs.readFileSync(testdata('fixtures', 'malware', 'eicar.com'));

describe('privateKeyKinds', () => {
  it('recognises PKCS#1, PKCS#8, SEC1 EC, OpenSSH, PGP and PuTTY keys', () => {
    expect(privateKeyKinds(Buffer.from(rsa.export({ type: 'pkcs1', format: 'pem' }) as string))).toEqual([
      'RSA PRIVATE KEY',
    ]);
    expect(privateKeyKinds(Buffer.from(rsa.export({ type: 'pkcs8', format: 'pem' }) as string))).toEqual([
      'PRIVATE KEY',
    ]);
    expect(privateKeyKinds(Buffer.from(ec.export({ type: 'sec1', format: 'pem' }) as string))).toEqual([
      'EC PRIVATE KEY',
    ]);
    const openssh =
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
    expect(privateKeyKinds(Buffer.from(openssh))).toEqual(['OPENSSH PRIVATE KEY']);
    expect(privateKeyKinds(Buffer.from('-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nxcLYBF\n'))).toEqual([
      'PGP PRIVATE KEY BLOCK',
    ]);
    const putty =
      'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPublic-Lines: 2\nAAAA\nPrivate-Lines: 1\nAAAA\n';
    expect(privateKeyKinds(Buffer.from(putty))).toEqual(['PuTTY private key']);
  });

  it('ignores public keys, certificates, a lone header and binary garbage', () => {
    const pub = rsa
      .export({ type: 'pkcs1', format: 'pem' })
      .toString()
      .replace(/PRIVATE/g, 'PUBLIC');
    expect(privateKeyKinds(Buffer.from(pub))).toEqual([]);
    expect(privateKeyKinds(Buffer.from('grep -- "-----BEGIN RSA PRIVATE KEY-----" file'))).toEqual([]);
    expect(privateKeyKinds(Buffer.from([0xff, 0x00, 0xfe, 0x2d, 0x2d]))).toEqual([]);
  });

  it('finds a key embedded in binary bytes after the byte prefilter', () => {
    const pem = rsa.export({ type: 'pkcs8', format: 'pem' }) as string;
    const blob = Buffer.concat([
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0xff]),
      Buffer.from(pem),
      Buffer.alloc(64),
    ]);
    expect(privateKeyKinds(blob)).toEqual(['PRIVATE KEY']);
    expect(privateKeyKinds(Buffer.from('PuTTY-User-Key-File-2: ssh-rsa\nPrivate-Lines: 3\n'))).toEqual([
      'PuTTY private key',
    ]);
    expect(privateKeyKinds(Buffer.from('PRIVATE KEY without any armour'))).toEqual([]);
  });
});

describe('credential files', () => {
  it.each([
    [
      '/root/.aws/credentials',
      '[default]\naws_access_key_id = AKIA\naws_secret_access_key = abc\n',
      'aws_secret_access_key',
    ],
    [
      '/root/.docker/config.json',
      '{"auths":{"registry.example":{"auth":"dXNlcjpwYXNz"}}}',
      'auths for registry.example',
    ],
    ['/home/u/.npmrc', '//registry.example/:_authToken=abc123\n', '_authToken'],
    ['/root/.git-credentials', 'https://user:tok@git.example\n', 'user:password URL'],
  ])('%s holds a credential', (p, text, want) => {
    expect(isCredentialPath(p)).toBe(true);
    expect(credentialIn(p, Buffer.from(text))).toBe(want);
  });

  it.each([
    ['/root/.docker/config.json', '{"auths":{}}'],
    ['/root/.docker/config.json', '{"credsStore":"desktop"}'],
    ['/root/.docker/config.json', 'not json'],
    ['/home/u/.npmrc', 'registry=https://registry.example/\n'],
    ['/root/.aws/credentials', '[default]\nregion = x\n'],
    ['/root/.ssh/id_rsa', 'garbage'],
  ])('%s without a credential is not flagged', (p, text) => {
    expect(credentialIn(p, Buffer.from(text))).toBeNull();
  });

  it('public keys and unrelated paths are not credential paths', () => {
    expect(isCredentialPath('/root/.ssh/id_rsa.pub')).toBe(false);
    expect(isCredentialPath('/etc/passwd')).toBe(false);
    expect(isCredentialPath('/root/.ssh/id_ed25519')).toBe(true);
  });
});

describe('isMinerName', () => {
  const names = builtinMinerNames();
  it('needs an executable with a known basename', () => {
    expect(isMinerName('/usr/local/bin/xmrig', 0o755, names)).toBe(true);
    expect(isMinerName('/opt/XMRig', 0o700, names)).toBe(true);
    expect(isMinerName('/usr/share/doc/xmrig', 0o644, names)).toBe(false);
    expect(isMinerName('/usr/bin/xmrig-helper.sh', 0o755, names)).toBe(false);
  });
});

function inventory(layers: string[], files?: string[]): ImageInventory {
  return {
    image: {} as ImageInventory['image'],
    os: null,
    packages: [],
    warnings: [],
    layers: layers.map((diffId, index) => ({
      index,
      diffId,
      createdBy: `step ${index}`,
      size: 1024,
      packagesAdded: 0,
    })),
    ...(files
      ? {
          files: files.map((path) => ({ path, type: 'file' as const, mode: 0o644, size: 1, uid: 0, gid: 0 })),
        }
      : {}),
  };
}

async function feed(c: ComplianceCollector, path: string, content: Buffer, mode = 0o644): Promise<void> {
  const meta = { path, size: content.length, mode };
  if (c.analyzer.required(meta)) await c.analyzer.analyze({ ...meta, content });
}

describe('ComplianceCollector', () => {
  const L0 = `sha256:${'0'.repeat(64)}`;
  const L1 = `sha256:${'1'.repeat(64)}`;
  const fresh = (): ComplianceCollector =>
    new ComplianceCollector({ signatures: builtinSignatures(), minerNames: builtinMinerNames() });

  it('attributes findings to the layer that was being walked and notes deleted files', async () => {
    const c = fresh();
    await feed(c, '/app/server.key', Buffer.from(rsa.export({ type: 'pkcs1', format: 'pem' }) as string));
    await feed(c, '/usr/bin/su', Buffer.from('ELF'), 0o4755);
    c.onProgress({ layer: 1, of: 2, diffId: L0, bytes: 10, phase: 'done' });
    await feed(c, '/opt/eicar.com', eicar);
    await feed(c, '/usr/local/bin/xmrig', Buffer.from('x'), 0o755);
    c.onProgress({ layer: 2, of: 2, diffId: L1, bytes: 10, phase: 'done' });
    const facts = c.facts(inventory([L0, L1], ['/usr/bin/su', '/opt/eicar.com', '/usr/local/bin/xmrig']));
    expect(facts.complete).toBe(true);
    expect(facts.privateKeys).toEqual([
      {
        path: '/app/server.key',
        detail: 'RSA PRIVATE KEY',
        layer: { index: 0, diffId: L0, createdBy: 'step 0' },
        present: false,
      },
    ]);
    expect(facts.setuid).toMatchObject([{ path: '/usr/bin/su', detail: 'setuid mode 4755', present: true }]);
    expect(facts.malware.map((m) => [m.path, m.layer?.index])).toEqual([['/opt/eicar.com', 1]]);
    expect(facts.malware[0].detail).toMatch(/^EICAR-Test-File \(/);
    expect(facts.miners.map((m) => m.path)).toEqual(['/usr/local/bin/xmrig']);
  });

  it('never reads content it does not need: a 69-byte file is not hashed against the sized EICAR set', () => {
    const c = fresh();
    expect(c.analyzer.required({ path: '/usr/share/doc/x/blob', size: 69, mode: 0o644 })).toBe(false);
    expect(c.analyzer.required({ path: '/usr/share/doc/x/blob', size: 68, mode: 0o644 })).toBe(true);
    expect(c.analyzer.required({ path: '/big', size: 65 * 1024 * 1024, mode: 0o644 })).toBe(false);
  });

  it('marks facts incomplete when a layer came from the cache or was never reported', async () => {
    const cached = fresh();
    cached.onProgress({ layer: 1, of: 1, diffId: L0, bytes: 0, phase: 'cached' });
    expect(cached.facts(inventory([L0]))).toMatchObject({
      complete: false,
      incompleteReason: expect.stringMatching(/layer cache/),
    });
    const unwired = fresh();
    await feed(unwired, '/k', Buffer.from(rsa.export({ type: 'pkcs1', format: 'pem' }) as string));
    expect(unwired.facts(inventory([L0])).complete).toBe(false);
  });

  it('keeps the last layer’s digest of a bin file and the surviving package databases', async () => {
    const c = fresh();
    await feed(c, '/bin/ls', Buffer.from('v1'), 0o755);
    c.onProgress({ layer: 1, of: 2, diffId: L0, bytes: 1, phase: 'done' });
    await feed(c, '/bin/ls', Buffer.from('v2'), 0o755);
    await feed(c, '/var/lib/dpkg/info/coreutils.md5sums', Buffer.from('abc  bin/ls\n'));
    c.onProgress({ layer: 2, of: 2, diffId: L1, bytes: 1, phase: 'done' });
    const facts = c.facts(inventory([L0, L1]));
    expect(facts.binaries.get('/bin/ls')?.md5).toBe(createHash('md5').update('v2').digest('hex'));
    expect(facts.binaries.get('/bin/ls')?.layer?.index).toBe(1);
    expect([...facts.dpkgMd5sums.keys()]).toEqual(['/var/lib/dpkg/info/coreutils.md5sums']);
  });

  it('hashes system binaries only with the digest of the package manager the image has shown', async () => {
    const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
    const sha1 = (s: string): string => createHash('sha1').update(s).digest('hex');
    const deb = fresh();
    await feed(deb, '/bin/early', Buffer.from('e'), 0o755); // before any dpkg file: both digests
    await feed(deb, '/etc/dpkg/dpkg.cfg', Buffer.from('# cfg\n'));
    await feed(deb, '/usr/bin/late', Buffer.from('l'), 0o755);
    deb.onProgress({ layer: 1, of: 1, diffId: L0, bytes: 1, phase: 'done' });
    const d = deb.facts(inventory([L0])).binaries;
    expect(d.get('/bin/early')).toMatchObject({ md5: md5('e'), sha1: sha1('e') });
    expect(d.get('/usr/bin/late')).toMatchObject({ md5: md5('l'), sha1: '' });
    const alpine = fresh();
    await feed(alpine, '/etc/apk/arch', Buffer.from('x86_64\n'));
    await feed(alpine, '/sbin/tool', Buffer.from('t'), 0o755);
    alpine.onProgress({ layer: 1, of: 1, diffId: L0, bytes: 1, phase: 'done' });
    expect(alpine.facts(inventory([L0])).binaries.get('/sbin/tool')).toMatchObject({
      md5: '',
      sha1: sha1('t'),
    });
    const both = fresh();
    await feed(both, '/etc/apk/arch', Buffer.from('x86_64\n'));
    await feed(both, '/var/lib/dpkg/status', Buffer.from('Package: x\n'));
    await feed(both, '/usr/bin/tool', Buffer.from('t'), 0o755);
    both.onProgress({ layer: 1, of: 1, diffId: L0, bytes: 1, phase: 'done' });
    expect(both.facts(inventory([L0])).binaries.get('/usr/bin/tool')).toMatchObject({
      md5: md5('t'),
      sha1: sha1('t'),
    });
  });

  it('hashes only with the algorithms the loaded lists use, and still matches unsized sha256 lists', async () => {
    const sig = emptySignatureSet();
    const payload = Buffer.from('not eicar, but on the list');
    const sha256 = createHash('sha256').update(payload).digest('hex');
    addSignatures(sig, parseHashLines(`${sha256} Custom-Bad`, 'custom.txt'));
    expect([...sig.algos]).toEqual(['sha256']);
    const c = new ComplianceCollector({ signatures: sig, minerNames: builtinMinerNames() });
    await feed(c, '/srv/data/blob.bin', payload);
    await feed(c, '/usr/bin/tool', Buffer.from('ELF tool'), 0o755);
    c.onProgress({ layer: 1, of: 1, diffId: L0, bytes: 1, phase: 'done' });
    const facts = c.facts(inventory([L0]));
    expect(facts.malware.map((m) => [m.path, m.detail])).toEqual([
      ['/srv/data/blob.bin', 'Custom-Bad (sha256 match, list custom.txt)'],
    ]);
    // A system binary still gets both digests check 448 compares (dpkg md5, apk sha1).
    expect(facts.binaries.get('/usr/bin/tool')).toMatchObject({
      md5: createHash('md5').update('ELF tool').digest('hex'),
      sha1: createHash('sha1').update('ELF tool').digest('hex'),
    });
  });
});
