// Maven version order after the POM reference's "Version Order Specification": tokens split at '.',
// '-' and digit/letter transitions (a transition counts as '-'); qualifiers ordered
// alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp < others (lexical);
// at one position ".qualifier" = "-qualifier" < "-number" < ".number"; shorter versions padded with "".
//
// ComparableVersion itself is not transitive (2.0.rc < 2 < 2-1 < 2.0.rc, because its 0 is both
// "nothing" and a number). We keep it a total order: null tokens (0, "", ga, final, release) are
// dropped unless the next non-null token of their hyphen group is a number, so 5.3.0.RC1 == 5.3.RC1
// < 5.3, 1.0-1 == 1-1, and the remaining zeros compare as plain numbers.
import { compareDigits, compareParsed, compareStrings } from './compare-util';
import type { VersionScheme } from './scheme';

/** cls: 0 qualifier, 1 "-number", 2 ".number"; value: digits without leading zeros, or the qualifier. */
interface Token {
  cls: 0 | 1 | 2;
  value: string;
  /** Starts a hyphen group (its separator was '-' or a transition). */
  opens: boolean;
}

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES = new Map([
  ['ga', ''],
  ['final', ''],
  ['release', ''],
  ['cr', 'rc'],
]);
// Single letters directly followed by a digit: 1-a1 == 1-alpha-1.
const SHORT = new Map([
  ['a', 'alpha'],
  ['b', 'beta'],
  ['m', 'milestone'],
]);
const FORMAT = /^[A-Za-z0-9][A-Za-z0-9._+~-]*$/;
const PAD: Token = { cls: 0, value: '', opens: false };

function isNull(t: Token): boolean {
  return t.value === '' || (t.cls !== 0 && /^0*$/.test(t.value));
}

function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  let start = 0;
  let sep = '.';
  const push = (end: number, followedByDigit: boolean): void => {
    const raw = s.slice(start, end);
    const opens = sep !== '.';
    if (raw === '')
      tokens.push({ cls: sep === '.' ? 2 : 1, value: '', opens }); // empty token is 0
    else if (/^[0-9]/.test(raw))
      tokens.push({ cls: sep === '.' ? 2 : 1, value: raw.replace(/^0+/, ''), opens });
    else {
      const short = followedByDigit ? SHORT.get(raw) : undefined;
      tokens.push({ cls: 0, value: short ?? ALIASES.get(raw) ?? raw, opens });
    }
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    if (c === '.' || c === '-') {
      push(i, false);
      sep = c;
      start = i + 1;
      continue;
    }
    const prev = i > start ? (s[i - 1] ?? '') : '';
    const digit = c >= '0' && c <= '9';
    if (prev !== '' && digit !== (prev >= '0' && prev <= '9')) {
      push(i, digit);
      sep = '-'; // a digit/letter transition acts as a hyphen
      start = i;
    }
  }
  push(s.length, false);
  return tokens;
}

/** Drops null tokens whose hyphen group has no number before its next non-null qualifier or its end. */
function canonical(tokens: Token[]): Token[] {
  const kept: Token[] = [];
  let nextIsNumber = false; // kind of the next non-null token in the current group
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (!isNull(t)) {
      kept.push(t);
      nextIsNumber = t.cls !== 0;
    } else if (nextIsNumber) {
      kept.push(t);
    }
    if (t.opens) nextIsNumber = false;
  }
  return kept.reverse();
}

export function parseMaven(v: string): Token[] | undefined {
  if (!FORMAT.test(v)) return undefined;
  return canonical(tokenize(v.toLowerCase()));
}

function qualifierRank(q: string): number {
  const i = QUALIFIERS.indexOf(q);
  return i === -1 ? QUALIFIERS.length : i;
}

function compareToken(a: Token, b: Token): number {
  if (a.cls !== b.cls) return a.cls - b.cls;
  if (a.cls !== 0) return compareDigits(a.value, b.value);
  const ra = qualifierRank(a.value);
  const rb = qualifierRank(b.value);
  if (ra !== rb) return ra - rb;
  return ra === QUALIFIERS.length ? compareStrings(a.value, b.value) : 0;
}

function compareTokens(a: Token[], b: Token[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = compareToken(a[i] ?? PAD, b[i] ?? PAD);
    if (d !== 0) return d;
  }
  return 0;
}

export const maven: VersionScheme = {
  name: 'maven',
  compare: (a, b) => compareParsed(a, b, parseMaven, compareTokens),
  valid: (v) => parseMaven(v) !== undefined,
};
