import { describe, it, expect } from 'vitest';
import { parseClamscanOutput } from './clamav-output';

const A = '/tmp/moat-clamav-x/layer-0.tar';
const B = '/tmp/moat-clamav-x/layer-1.tar';

describe('parseClamscanOutput', () => {
  it('reads FOUND lines of the files it was given', () => {
    const out = parseClamscanOutput(
      `${A}: Eicar-Test-Signature.UNOFFICIAL FOUND\n${B}: Win.Test.EICAR_HDB-1 FOUND\n`,
      [A, B],
    );
    expect(out.hits).toEqual([
      { file: A, signature: 'Eicar-Test-Signature.UNOFFICIAL' },
      { file: B, signature: 'Win.Test.EICAR_HDB-1' },
    ]);
    expect(out.limits).toEqual([]);
  });

  it('keeps several signatures of one file (--allmatch) once each, and CRLF endings', () => {
    const out = parseClamscanOutput(`${A}: One.Sig FOUND\r\n${A}: Two.Sig FOUND\r\n${A}: One.Sig FOUND\n`, [
      A,
    ]);
    expect(out.hits.map((h) => h.signature)).toEqual(['One.Sig', 'Two.Sig']);
  });

  it('puts limit heuristics apart from malware', () => {
    const out = parseClamscanOutput(`${A}: Heuristics.Limits.Exceeded.MaxFileSize FOUND\n`, [A]);
    expect(out.hits).toEqual([]);
    expect(out.limits).toEqual([{ file: A, signature: 'Heuristics.Limits.Exceeded.MaxFileSize' }]);
  });

  it('ignores files it did not give, even when a line is forged to look like one of ours', () => {
    const out = parseClamscanOutput(
      [
        `/etc/passwd: Fake.Sig FOUND`,
        `${A}x: Fake.Sig FOUND`,
        `x${A}: Fake.Sig FOUND`,
        `${A}: Fake.Sig FOUND trailing`,
        `${A}: OK`,
        `${A}: Empty file`,
      ].join('\n'),
      [A],
    );
    expect(out.hits).toEqual([]);
  });

  it('refuses signature names with spaces, control characters or huge length', () => {
    const out = parseClamscanOutput(
      [
        `${A}: two words FOUND`,
        `${A}: bad\u001b[31mcolour FOUND`,
        `${A}: ${'A'.repeat(500)} FOUND`,
        `${A}:  FOUND`,
        `${A}: .leading-dot FOUND`,
      ].join('\n'),
      [A],
    );
    expect(out.hits).toEqual([]);
  });

  it('is safe on garbage, empty and truncated output', () => {
    expect(parseClamscanOutput('', [A]).hits).toEqual([]);
    expect(parseClamscanOutput('\0\0\xff garbage FOUND', [A]).hits).toEqual([]);
    expect(parseClamscanOutput(`${A}: Eicar-Test-Sig`, [A]).hits).toEqual([]);
    expect(parseClamscanOutput(' FOUND', [A]).hits).toEqual([]);
  });

  it('refuses oversized output and non-text input with a clear error', () => {
    expect(() => parseClamscanOutput('x'.repeat(16 * 1024 * 1024 + 1), [A])).toThrow(/over 16777216 bytes/);
    expect(() => parseClamscanOutput(42 as unknown as string, [A])).toThrow(/expected text/);
  });

  it('stops at a bounded number of hits', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `${A}: Sig.N${i} FOUND`).join('\n');
    expect(parseClamscanOutput(lines, [A]).hits).toHaveLength(10_000);
  });
});
