// Alpine apk-tools version order: digits{.digits}[letter]{_suffix[N]}[~hash][-rN].
// Compared as a token stream the way apk-tools does, so prefix rules (1.2 < 1.2.1, 1.2_rc1 < 1.2) come out right.
import { compareParsed } from './compare-util';
import type { VersionScheme } from './scheme';

/** Token kinds in apk's order: when two streams diverge in kind, the one with the *later* kind is older. */
const enum Kind {
  Digit = 1,
  Letter = 2,
  Suffix = 3,
  SuffixNumber = 4,
  Revision = 5,
  End = 6,
}

interface Token {
  kind: Kind;
  value: bigint;
}

// Pre-release suffixes sort below the bare version, post-release ones above.
const SUFFIXES: Record<string, bigint> = {
  alpha: -4n,
  beta: -3n,
  pre: -2n,
  rc: -1n,
  cvs: 1n,
  svn: 2n,
  git: 3n,
  hg: 4n,
  p: 5n,
};

const FORMAT =
  /^[0-9]+(?:\.[0-9]+)*[a-z]?(?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)[0-9]*)*(?:~[0-9a-f]+)?(?:-r[0-9]+)?$/;
// apk-tools refuses numbers of 18 digits or more; so do we, which keeps values exact.
const MAX_DIGITS = 17;

function tokenizeApk(v: string): Token[] | undefined {
  if (!FORMAT.test(v)) return undefined;
  const tokens: Token[] = [];
  let i = 0;
  const digits = (): string | undefined => {
    const start = i;
    while (i < v.length && v.charCodeAt(i) >= 48 && v.charCodeAt(i) <= 57) i++;
    const run = v.slice(start, i);
    return run.length > MAX_DIGITS ? undefined : run;
  };
  let first = true;
  while (i < v.length) {
    const c = v[i];
    if (first || c === '.') {
      if (!first) i++;
      const run = digits();
      if (run === undefined) return undefined;
      // Numeric value only. apk-tools' leading-zero special case (1.01 < 1.1) also makes it order
      // 1.0_rc1 after 1.0, contradicting its own suffix rule, so it is deliberately not reproduced.
      tokens.push({ kind: Kind.Digit, value: BigInt(run) });
      first = false;
    } else if (c === '_') {
      i++;
      const start = i;
      while (i < v.length && v.charCodeAt(i) >= 97 && v.charCodeAt(i) <= 122) i++;
      const value = SUFFIXES[v.slice(start, i)];
      if (value === undefined) return undefined;
      tokens.push({ kind: Kind.Suffix, value });
      const run = digits();
      if (run === undefined) return undefined;
      if (run.length > 0) tokens.push({ kind: Kind.SuffixNumber, value: BigInt(run) });
    } else if (c === '~') {
      // A commit hash is informational only; apk skips it when ordering.
      i++;
      while (i < v.length && v[i] !== '-') i++;
    } else if (c === '-') {
      i += 2;
      const run = digits();
      if (run === undefined) return undefined;
      tokens.push({ kind: Kind.Revision, value: BigInt(run) });
    } else {
      tokens.push({ kind: Kind.Letter, value: BigInt(v.charCodeAt(i)) });
      i++;
    }
  }
  return tokens;
}

const END: Token = { kind: Kind.End, value: 0n };

function compareTokens(a: Token[], b: Token[]): number {
  for (let i = 0; ; i++) {
    const x = a[i] ?? END;
    const y = b[i] ?? END;
    if (x.kind === y.kind) {
      if (x.kind === Kind.End) return 0;
      if (x.value !== y.value) return x.value < y.value ? -1 : 1;
      continue;
    }
    // Streams diverge: a pre-release suffix makes its side older; otherwise the later kind is older
    // (1.2 < 1.2.1 because End comes after Digit; 1.2-r1 < 1.2a because Revision comes after Letter).
    if (x.kind === Kind.Suffix && x.value < 0n) return -1;
    if (y.kind === Kind.Suffix && y.value < 0n) return 1;
    return x.kind > y.kind ? -1 : 1;
  }
}

export const apk: VersionScheme = {
  name: 'apk',
  compare: (a, b) => compareParsed(a, b, tokenizeApk, compareTokens),
  valid: (v) => tokenizeApk(v) !== undefined,
};
