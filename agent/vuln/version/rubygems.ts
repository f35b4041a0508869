// RubyGems Gem::Version order: dot-separated segments of digits or letters; any letter makes a
// pre-release (1.0.a < 1.0). Trailing zeros of the release and pre-release parts are insignificant.
import { compareDigits, compareParsed, compareStrings } from './compare-util';
import type { VersionScheme } from './scheme';

type Segment = { num: string } | { str: string };

const FORMAT = /^[0-9]+(?:\.[0-9A-Za-z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const ZERO: Segment = { num: '0' };

export function parseGem(v: string): Segment[] | undefined {
  // Gem::Version reads a blank string as "0"; we refuse it so the matcher reports it instead of
  // treating an unknown version as the oldest one.
  let s = v.trim();
  if (!FORMAT.test(s)) return undefined;
  // A hyphen introduces a pre-release, as if ".pre." were written.
  s = s.replace(/-/g, '.pre.');
  const segments: Segment[] = [];
  for (const m of s.matchAll(/[0-9]+|[a-z]+/gi)) {
    const t = m[0];
    segments.push(/^[0-9]/.test(t) ? { num: t } : { str: t });
  }
  // Canonical form: trailing zeros dropped from the release part and from the pre-release part.
  const firstStr = segments.findIndex((g) => 'str' in g);
  const release = firstStr === -1 ? segments : segments.slice(0, firstStr);
  const pre = firstStr === -1 ? [] : segments.slice(firstStr);
  return [...dropZeros(release), ...dropZeros(pre)];
}

function dropZeros(list: Segment[]): Segment[] {
  let end = list.length;
  while (end > 0) {
    const g = list[end - 1];
    if (g === undefined || !('num' in g) || !/^0+$/.test(g.num)) break;
    end--;
  }
  return list.slice(0, end);
}

function compareSegments(a: Segment[], b: Segment[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? ZERO;
    const y = b[i] ?? ZERO;
    if ('num' in x && 'num' in y) {
      const d = compareDigits(x.num, y.num);
      if (d !== 0) return d;
    } else if ('str' in x && 'str' in y) {
      const d = compareStrings(x.str, y.str);
      if (d !== 0) return d;
    } else {
      // A letter segment (pre-release) is below any number.
      return 'str' in x ? -1 : 1;
    }
  }
  return 0;
}

export const rubygems: VersionScheme = {
  name: 'rubygems',
  compare: (a, b) => compareParsed(a, b, parseGem, compareSegments),
  valid: (v) => parseGem(v) !== undefined,
};
