// Version ranges: OSV affected ranges (events + explicit versions) and our custom range expressions.
import type { VersionScheme } from './scheme';
import { semver } from './semver';

/** One OSV range event; exactly one field is set in a well-formed record. */
export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  /** 'ECOSYSTEM' | 'SEMVER' | 'GIT' */
  type: string;
  repo?: string;
  events: readonly OsvEvent[];
}

export class VersionRangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VersionRangeError';
  }
}

type Kind = 'introduced' | 'fixed' | 'last_affected' | 'limit';
const KINDS: readonly Kind[] = ['introduced', 'fixed', 'last_affected', 'limit'];

interface Event {
  kind: Kind;
  version: string;
}

function requireValid(version: string, scheme: VersionScheme, what: string): void {
  if (!scheme.valid(version)) {
    throw new VersionRangeError(
      `${what} ${JSON.stringify(version.slice(0, 200))} is not a valid ${scheme.name} version`,
    );
  }
}

/** SEMVER ranges are SemVer whatever the ecosystem; Go's comparator is a SemVer superset, so keep it. */
function schemeForRange(range: OsvRange, scheme: VersionScheme): VersionScheme | undefined {
  if (range.type === 'GIT') return undefined; // commits, not versions: nothing to compare
  if (range.type === 'ECOSYSTEM') return scheme;
  if (range.type === 'SEMVER') return scheme.name === 'golang' ? scheme : semver;
  throw new VersionRangeError(`OSV range type ${JSON.stringify(range.type)} is not ECOSYSTEM, SEMVER or GIT`);
}

/** Events in version order; "0" (introduced) is the very start and "*" (limit) the very end. */
function sortedEvents(range: OsvRange, scheme: VersionScheme): Event[] {
  const events: Event[] = [];
  for (const e of range.events) {
    for (const kind of KINDS) {
      const version = e[kind];
      if (version === undefined) continue;
      if (!(kind === 'introduced' && version === '0') && !(kind === 'limit' && version === '*')) {
        requireValid(version, scheme, `OSV ${range.type} range event ${kind}`);
      }
      events.push({ kind, version });
    }
  }
  const rank = (e: Event): number =>
    e.kind === 'introduced' && e.version === '0' ? -1 : e.kind === 'limit' && e.version === '*' ? 1 : 0;
  // Array.prototype.sort is stable: events at the same version keep the record's order.
  return events.sort(
    (x, y) => rank(x) - rank(y) || (rank(x) === 0 ? scheme.compare(x.version, y.version) : 0),
  );
}

function atOrAfter(version: string, e: Event, scheme: VersionScheme): boolean {
  return (e.kind === 'introduced' && e.version === '0') || scheme.compare(version, e.version) >= 0;
}

/** OSV's evaluation: walk the sorted events, switching on at introduced and off at fixed / after last_affected. */
function rangeIncludes(version: string, events: Event[], scheme: VersionScheme): boolean {
  const limits = events.filter((e) => e.kind === 'limit');
  if (limits.length > 0 && !limits.some((e) => e.version === '*' || scheme.compare(version, e.version) < 0))
    return false;
  let affected = false;
  for (const e of events) {
    if (e.kind === 'introduced' && atOrAfter(version, e, scheme)) affected = true;
    else if (e.kind === 'fixed' && scheme.compare(version, e.version) >= 0) affected = false;
    else if (e.kind === 'last_affected' && scheme.compare(version, e.version) > 0) affected = false;
  }
  return affected;
}

/**
 * True when `version` falls in any ECOSYSTEM/SEMVER range or equals one of the affected entry's
 * explicit `versions`. GIT ranges name commits and are ignored here (they never make a version affected).
 * Throws VersionRangeError when the version or an event is not valid in the scheme.
 */
export function isAffectedByOsvRanges(
  version: string,
  ranges: readonly OsvRange[],
  scheme: VersionScheme,
  versions: readonly string[] = [],
): boolean {
  requireValid(version, scheme, 'version');
  for (const listed of versions) {
    if (listed === version || (scheme.valid(listed) && scheme.compare(listed, version) === 0)) return true;
  }
  for (const range of ranges) {
    const s = schemeForRange(range, scheme);
    if (s === undefined) continue;
    requireValid(version, s, `version (for an OSV ${range.type} range)`);
    if (rangeIncludes(version, sortedEvents(range, s), s)) return true;
  }
  return false;
}

/** The smallest `fixed` above `version` on a range that contains it, if any. */
export function fixedVersionFor(
  version: string,
  ranges: readonly OsvRange[],
  scheme: VersionScheme,
): string | undefined {
  requireValid(version, scheme, 'version');
  let best: { version: string; scheme: VersionScheme } | undefined;
  for (const range of ranges) {
    const s = schemeForRange(range, scheme);
    if (s === undefined) continue;
    const events = sortedEvents(range, s);
    if (!rangeIncludes(version, events, s)) continue;
    for (const e of events) {
      if (e.kind !== 'fixed' || s.compare(e.version, version) <= 0) continue;
      if (best === undefined || best.scheme.compare(e.version, best.version) < 0)
        best = { version: e.version, scheme: s };
    }
  }
  return best?.version;
}

type Operator = '<' | '<=' | '>' | '>=' | '=' | '!=';

interface Comparator {
  op: Operator;
  version: string;
}

const OPERATOR = /^(<=|>=|!=|==|<|>|=)/;

/** Parses `>=1.0.0 <1.2.3 || =2.0.0`: space is AND, `||` is OR, a bare version means `=`. */
export function parseRangeExpression(expr: string, scheme: VersionScheme): Comparator[][] {
  const shown = JSON.stringify(expr.slice(0, 200));
  if (expr.trim() === '') throw new VersionRangeError(`range expression ${shown} is empty`);
  return expr.split('||').map((alternative) => {
    const words = alternative
      .trim()
      .split(/\s+/)
      .filter((w) => w !== '');
    if (words.length === 0)
      throw new VersionRangeError(`range expression ${shown} has an empty alternative around "||"`);
    const comparators: Comparator[] = [];
    for (let i = 0; i < words.length; i++) {
      let word = words[i] ?? '';
      const m = OPERATOR.exec(word);
      const opText = m?.[1] ?? '=';
      let versionText = m === null ? word : word.slice(opText.length);
      if (versionText === '' && m !== null) {
        // Operator written apart from its version: ">= 1.0".
        word = words[++i] ?? '';
        if (word === '' || OPERATOR.test(word)) {
          throw new VersionRangeError(
            `range expression ${shown}: operator "${opText}" has no version after it`,
          );
        }
        versionText = word;
      }
      requireValid(versionText, scheme, `range expression ${shown}: version`);
      comparators.push({ op: opText === '==' ? '=' : (opText as Operator), version: versionText });
    }
    return comparators;
  });
}

function holds(c: number, op: Operator): boolean {
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    case '=':
      return c === 0;
    case '!=':
      return c !== 0;
  }
}

/** True when `version` satisfies the expression; throws VersionRangeError on a malformed one. */
export function satisfiesRangeExpression(version: string, expr: string, scheme: VersionScheme): boolean {
  const alternatives = parseRangeExpression(expr, scheme);
  requireValid(version, scheme, 'version');
  return alternatives.some((all) => all.every((c) => holds(scheme.compare(version, c.version), c.op)));
}
