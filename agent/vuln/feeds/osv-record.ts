// Pure parser: one OSV JSON record (https://ossf.github.io/osv-schema/) -> VulnRecord. Strict about shapes
// the matcher relies on (ranges, events, versions); lenient about fields it does not use.
import type { Severity } from '../../model/finding';
import { cvss3BaseScore, cvssVersionOf } from '../cvss';
import { severityFromDebianUrgency, severityFromGithub } from '../severity';
import { normalisePackageName, osvEcosystem } from './ecosystem';
import { clip, isRecord } from './read-input';
import type { AffectedEntry, OsvEvent, OsvRange, VulnRecord } from './types';
import { MAX_ID, MAX_NAME, MAX_TEXT, MAX_VERSION } from './types';

const RANGE_TYPES = new Set(['ECOSYSTEM', 'SEMVER', 'GIT']);
const EVENT_KEYS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;
const MAX_VERSIONS = 100_000;

function str(v: unknown, what: string, max: number): string {
  if (typeof v !== 'string' || v.length === 0) throw new Error(`${what} must be a non-empty string`);
  if (v.length > max) throw new Error(`${what} is ${v.length} characters, more than ${max}`);
  return v;
}

function optText(v: unknown, what: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new Error(`${what} must be a string`);
  return clip(v, MAX_TEXT);
}

function optDate(v: unknown, what: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  return str(v, what, 64);
}

function stringList(v: unknown, what: string, max: number, maxCount: number): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new Error(`${what} must be an array`);
  if (v.length > maxCount) throw new Error(`${what} has ${v.length} entries, more than ${maxCount}`);
  return v.map((x, i) => str(x, `${what}[${i}]`, max));
}

function parseEvent(v: unknown, what: string): OsvEvent {
  if (!isRecord(v)) throw new Error(`${what} must be an object`);
  const keys = EVENT_KEYS.filter((k) => v[k] !== undefined);
  if (keys.length !== 1) throw new Error(`${what} must have exactly one of ${EVENT_KEYS.join(', ')}`);
  return { [keys[0]]: str(v[keys[0]], `${what}.${keys[0]}`, MAX_VERSION) };
}

function parseRange(v: unknown, what: string): OsvRange {
  if (!isRecord(v)) throw new Error(`${what} must be an object`);
  if (typeof v.type !== 'string' || !RANGE_TYPES.has(v.type))
    throw new Error(`${what}.type must be ECOSYSTEM, SEMVER or GIT`);
  if (!Array.isArray(v.events) || v.events.length === 0)
    throw new Error(`${what}.events must be a non-empty array`);
  const range: OsvRange = {
    type: v.type as OsvRange['type'],
    events: v.events.map((e, i) => parseEvent(e, `${what}.events[${i}]`)),
  };
  if (v.repo !== undefined) range.repo = str(v.repo, `${what}.repo`, MAX_TEXT);
  return range;
}

/** Undefined for a package-less entry (OSV allows GIT-only entries; nothing to look a package up by). */
function parseAffected(v: unknown, what: string): AffectedEntry | undefined {
  if (!isRecord(v)) throw new Error(`${what} must be an object`);
  if (v.package === undefined) {
    if (Array.isArray(v.ranges)) v.ranges.forEach((r, i) => parseRange(r, `${what}.ranges[${i}]`));
    return undefined;
  }
  if (!isRecord(v.package)) throw new Error(`${what}.package must be an object`);
  const ecosystem = str(v.package.ecosystem, `${what}.package.ecosystem`, MAX_NAME);
  const name = str(v.package.name, `${what}.package.name`, MAX_NAME);
  if (v.ranges !== undefined && !Array.isArray(v.ranges)) throw new Error(`${what}.ranges must be an array`);
  const ranges = ((v.ranges as unknown[] | undefined) ?? []).map((r, i) =>
    parseRange(r, `${what}.ranges[${i}]`),
  );
  const versions = stringList(v.versions, `${what}.versions`, MAX_VERSION, MAX_VERSIONS);
  const loc = osvEcosystem(ecosystem);
  const fixes = ranges.filter((r) => r.type !== 'GIT').flatMap((r) => r.events.map((e) => e.fixed));
  const fixedVersion = fixes.filter((f): f is string => f !== undefined).pop();
  const entry: AffectedEntry = {
    ecosystem,
    ...loc,
    packageName: normalisePackageName(loc.ecoKey, name),
    ranges,
    versions,
    fixedVersion,
    status: fixedVersion ? 'fixed' : 'open',
  };
  // Debian's OSV export carries the tracker urgency per package.
  const urgency = isRecord(v.ecosystem_specific) ? v.ecosystem_specific.urgency : undefined;
  const sev = severityFromDebianUrgency(urgency);
  if (sev) entry.severity = sev;
  return entry;
}

interface Cvss {
  score?: number;
  vector: string;
  version?: string;
}

/** Picks the record's CVSS: v3 (scored here) before v4 before v2, whose scores we do not compute. */
function parseSeverity(v: unknown, dbSpecific: Record<string, unknown>): Cvss | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw new Error('severity must be an array');
  const found: Cvss[] = [];
  v.forEach((s, i) => {
    if (!isRecord(s)) throw new Error(`severity[${i}] must be an object`);
    const type = str(s.type, `severity[${i}].type`, 64);
    const vector = str(s.score, `severity[${i}].score`, 512);
    if (type === 'CVSS_V3') {
      try {
        const r = cvss3BaseScore(vector);
        found.push({ score: r.score, vector, version: r.version });
      } catch {
        // An unusable vector keeps the record; the finding falls back to other severity sources.
        found.push({ vector, version: cvssVersionOf(vector) });
      }
    } else if (type === 'CVSS_V4' || type === 'CVSS_V2') {
      const given = dbSpecific.cvss_score;
      found.push({
        vector,
        version: cvssVersionOf(vector),
        score: typeof given === 'number' ? given : undefined,
      });
    }
  });
  const rank = (c: Cvss): number => (c.version?.startsWith('3') ? 0 : c.version === '4.0' ? 1 : 2);
  return found.sort((a, b) => rank(a) - rank(b))[0];
}

/** Parses one record; throws "what is wrong" (the caller adds the file and id). */
export function parseOsvRecord(value: unknown): VulnRecord {
  if (!isRecord(value)) throw new Error('record is not a JSON object');
  const id = str(value.id, 'id', MAX_ID);
  const dbSpecific = isRecord(value.database_specific) ? value.database_specific : {};
  try {
    const aliases = stringList(value.aliases, 'aliases', MAX_ID, 1000).filter((a) => a !== id);
    if (value.affected !== undefined && !Array.isArray(value.affected))
      throw new Error('affected must be an array');
    // A withdrawn advisory is kept (so its id is known) but matches nothing.
    const affected =
      value.withdrawn !== undefined
        ? []
        : ((value.affected as unknown[] | undefined) ?? [])
            .map((a, i) => parseAffected(a, `affected[${i}]`))
            .filter((a): a is AffectedEntry => a !== undefined);
    const record: VulnRecord = {
      id,
      aliases: [...new Set(aliases)],
      summary: optText(value.summary, 'summary'),
      description: optText(value.details, 'details'),
      published: optDate(value.published, 'published'),
      modified: optDate(value.modified, 'modified'),
      affected,
    };
    const github: Severity | undefined = severityFromGithub(dbSpecific.severity);
    if (github) record.severity = github;
    const cvss = parseSeverity(value.severity, dbSpecific);
    if (cvss) {
      record.cvssVector = cvss.vector;
      record.cvssVersion = cvss.version;
      record.cvssScore = cvss.score;
    }
    return record;
  } catch (err) {
    throw new Error(`${id}: ${(err as Error).message}`);
  }
}
