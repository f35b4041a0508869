// Random and oversized input never crashes a detector or parser with anything but a named error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInspect } from './checks/container/inspect';
import { historySecrets } from './checks/image/410-secrets-in-history';
import { parseApkChecksums, parseDpkgMd5sums } from './checks/image/448-package-binaries-altered';
import { credentialIn, privateKeyKinds } from './collect/file-rules';
import { parseSignatureList } from './collect/signatures';
import { envSecrets } from './secrets';

const bytes = fc.uint8Array({ maxLength: 4096 }).map((a) => Buffer.from(a));

describe('detectors on random bytes', () => {
  it('privateKeyKinds and credentialIn return values, never throw', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        expect(Array.isArray(privateKeyKinds(b))).toBe(true);
        for (const p of [
          '/root/.docker/config.json',
          '/root/.npmrc',
          '/root/.git-credentials',
          '/root/.aws/credentials',
        ])
          expect(credentialIn(p, b) === null || typeof credentialIn(p, b) === 'string').toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('envSecrets and historySecrets accept any strings', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 300 })), fc.string({ maxLength: 2000 }), (env, line) => {
        expect(Array.isArray(envSecrets(env))).toBe(true);
        expect(Array.isArray(historySecrets(line))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('package-db parsers accept any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (t) => {
        expect(parseDpkgMd5sums([t])).toBeInstanceOf(Map);
        expect(parseApkChecksums(t)).toBeInstanceOf(Map);
      }),
    );
  });

  it('a 4 MiB PEM-looking blob is scanned in bounded time', () => {
    const big = Buffer.from('-----BEGIN RSA PRIVATE KEY-----\n'.repeat(130_000));
    const t0 = Date.now();
    expect(privateKeyKinds(big)).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});

describe('parsers on random input fail with the input named', () => {
  it('signature lists', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 500 }),
        fc.constantFrom('l.hdb', 'l.hsb', 'l.json', 'l.csv', 'l.txt'),
        (t, name) => {
          try {
            const sigs = parseSignatureList(t, name);
            for (const s of sigs) expect(s.hash).toMatch(/^[0-9a-f]{32}([0-9a-f]{8})?([0-9a-f]{24})?$/);
          } catch (e) {
            expect((e as Error).message.startsWith(name)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('container inspect', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        try {
          parseInspect(raw, 'inspect X');
        } catch (e) {
          expect((e as Error).message).toMatch(/^inspect X: not a container inspect object/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
