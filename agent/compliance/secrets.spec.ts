import { describe, expect, it } from 'vitest';
import { maskIn, maskSecret } from './mask';
import { entropy, envSecrets, isHighEntropy, isSensitiveName, secretValueKinds } from './secrets';

describe('maskSecret', () => {
  it.each([
    ['~DUUvI~gbnZ_~~zrj3J4i83q69vuJGczn0', '~DUU…czn0'],
    ['9aadafc1-bd59-4575-847a-21f0f0a517ea', '9aad…17ea'],
    ['short', '****(5 chars)'],
    ['', '(empty)'],
    ['ééééééééééééé€€€€', 'éééé…€€€€'],
  ])('%s -> %s', (v, want) => {
    expect(maskSecret(v)).toBe(want);
  });

  it('never contains the full value of a long secret', () => {
    const v = 'A'.repeat(10) + 'secretpart' + 'Z'.repeat(10);
    expect(maskSecret(v)).not.toContain('secretpart');
  });

  it('maskIn hides every occurrence, longest first', () => {
    expect(maskIn('a=abcdefghijklmnop b=abcdefghijklmnop', ['abcdefghijklmnop'])).toBe(
      'a=abcd…mnop b=abcd…mnop',
    );
  });
});

describe('isSensitiveName', () => {
  it.each([
    ['SECRET_KEY', true],
    ['CLIENT_ID', true],
    ['DB_PASSWORD', true],
    ['GITHUB_TOKEN', true],
    ['AWS_SECRET_ACCESS_KEY', true],
    ['API_KEY', true],
    ['client-secret', true],
    ['PATH', false],
    ['PWD', false],
    ['GPG_KEYS', false],
    ['GPG_KEY', false],
    ['POSTGRES_PASSWORD_FILE', false],
    ['PUBLIC_KEY', false],
    ['KEYBOARD_LAYOUT', false],
    ['MONKEY', false],
    ['NODE_VERSION', false],
  ])('%s -> %s', (name, want) => {
    expect(isSensitiveName(name)).toBe(want);
  });
});

describe('value patterns', () => {
  it('recognises AWS key ids, private key blocks, JWTs, URL passwords, GitHub tokens', () => {
    expect(secretValueKinds('AKIAIOSFODNN7EXAMPLE')).toEqual(['AWS access key id']);
    expect(secretValueKinds('-----BEGIN RSA PRIVATE KEY-----\nMIIE')).toContain('private key block');
    expect(
      secretValueKinds(
        'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      ),
    ).toEqual(['JWT']);
    expect(secretValueKinds('postgres://app:hunter2secret@db:5432/x')).toEqual(['URL with password']);
    expect(secretValueKinds(`ghp_${'a1B2'.repeat(9)}`)).toEqual(['GitHub token']);
  });

  it('flags random keys but not paths, versions, UUIDs or words', () => {
    expect(isHighEntropy('~DUUvI~gbnZ_~~zrj3J4i83q69vuJGczn0')).toBe(true);
    expect(isHighEntropy('/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin')).toBe(false);
    expect(isHighEntropy('9aadafc1-bd59-4575-847a-21f0f0a517ea')).toBe(false);
    expect(isHighEntropy('1.2.3')).toBe(false);
    expect(isHighEntropy('this is a long sentence with spaces')).toBe(false);
    expect(isHighEntropy('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).toBe(false);
  });

  it('entropy has known values', () => {
    expect(entropy('')).toBe(0);
    expect(entropy('aaaa')).toBe(0);
    expect(entropy('abcd')).toBe(2);
  });
});

describe('envSecrets', () => {
  it('finds the nodeapp pair and skips empty values and ordinary variables', () => {
    const found = envSecrets([
      'PATH=/usr/bin:/bin',
      'CLIENT_ID=9aadafc1-bd59-4575-847a-21f0f0a517ea',
      'SECRET_KEY=~DUUvI~gbnZ_~~zrj3J4i83q69vuJGczn0',
      'DB_PASSWORD=',
      'HOME=/root',
      'NOTES=AKIAIOSFODNN7EXAMPLE',
    ]);
    expect(found.map((f) => [f.name, f.why])).toEqual([
      ['CLIENT_ID', ['name']],
      ['SECRET_KEY', ['name', 'high-entropy string']],
      ['NOTES', ['AWS access key id']],
    ]);
  });

  it('survives hostile entries: no "=", leading "=", wrong types, huge values', () => {
    const hostile = ['NOEQUALS', '=value', 'X=' + 'q'.repeat(1_000_000), 42, null] as unknown as string[];
    expect(() => envSecrets(hostile)).not.toThrow();
    expect(envSecrets(hostile)).toEqual([]);
  });
});
