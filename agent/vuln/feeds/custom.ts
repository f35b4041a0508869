// The console's own feed: [{id, ecosystem, package, range, severity, description, fixedIn?}], written by
// users, so every entry is checked and each mistake is reported with its index and id.
import type { Ecosystem } from '../../model/package';
import { parseSeverityWord } from '../severity';
import { parseRangeExpression } from '../version/range';
import { schemeForEcosystem } from '../version/registry';
import { normalisePackageName, osvEcosystem, type EcoLocation } from './ecosystem';
import { clip, headText, isRecord, readJsonCapped } from './read-input';
import type { FeedImporter, FeedSink, VulnRecord } from './types';
import { MAX_ID, MAX_NAME, MAX_TEXT, MAX_VERSION } from './types';

const MAX_CUSTOM_BYTES = 32 * 1024 * 1024;
const LANGUAGE: readonly Ecosystem[] = [
  'npm',
  'pypi',
  'golang',
  'maven',
  'gem',
  'cargo',
  'composer',
  'nuget',
  'generic',
];

function location(ecosystem: string): EcoLocation {
  const lower = ecosystem.toLowerCase();
  if ((LANGUAGE as readonly string[]).includes(lower)) return { ecoKey: lower };
  if (lower === 'apk' || lower === 'deb' || lower === 'rpm')
    throw new Error(`ecosystem "${ecosystem}" needs a distro release, e.g. "Alpine:v3.18" or "Debian:12"`);
  const loc = osvEcosystem(ecosystem);
  if (loc.ecoKey.startsWith('osv:')) throw new Error(`unknown ecosystem "${ecosystem.slice(0, 40)}"`);
  return loc;
}

function field(e: Record<string, unknown>, key: string, max: number, required: boolean): string | undefined {
  const v = e[key];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v.trim().length === 0) throw new Error(`"${key}" must be a non-empty string`);
  if (v.length > max) throw new Error(`"${key}" is longer than ${max} characters`);
  return v.trim();
}

/** Pure: one custom entry -> record; throws what is wrong with it. */
export function parseCustomEntry(e: unknown): VulnRecord {
  if (!isRecord(e)) throw new Error('entry is not an object');
  const id = field(e, 'id', MAX_ID, true) as string;
  const ecosystem = field(e, 'ecosystem', MAX_NAME, true) as string;
  const pkg = field(e, 'package', MAX_NAME, true) as string;
  const range = field(e, 'range', MAX_VERSION * 4, true) as string;
  const fixedIn = field(e, 'fixedIn', MAX_VERSION, false);
  const severity = parseSeverityWord(e.severity);
  if (!severity)
    throw new Error(
      `severity ${JSON.stringify(e.severity)?.slice(0, 40)} is not one of critical, high, medium, low, negligible, unknown`,
    );
  if (e.description !== undefined && typeof e.description !== 'string')
    throw new Error('"description" must be a string');
  const loc = location(ecosystem);
  // Checked now with the ecosystem's comparator, so a typo is reported at import and not at every scan.
  const scheme = schemeForEcosystem(loc.ecoKey);
  if (!scheme)
    throw new Error(`ecosystem "${ecosystem}" has no version comparator, so a range cannot be checked`);
  parseRangeExpression(range, scheme);
  if (fixedIn !== undefined && !scheme.valid(fixedIn))
    throw new Error(`fixedIn "${fixedIn}" is not a valid ${scheme.name} version`);
  return {
    id,
    aliases: [],
    description: typeof e.description === 'string' ? clip(e.description, MAX_TEXT) : undefined,
    severity,
    affected: [
      {
        ecosystem,
        ...loc,
        packageName: normalisePackageName(loc.ecoKey, pkg),
        ranges: [],
        rangeExpr: range,
        fixedVersion: fixedIn,
        versions: [],
        status: fixedIn ? 'fixed' : 'open',
      },
    ],
  };
}

export const customImporter: FeedImporter = {
  name: 'custom',
  detect(_name: string, firstBytes: Buffer): boolean {
    const head = headText(firstBytes);
    return /^\s*\[/.test(head) && /"range"\s*:/.test(head) && /"package"\s*:/.test(head);
  },
  async run(path: string, sink: FeedSink): Promise<void> {
    const doc = await readJsonCapped(path, MAX_CUSTOM_BYTES);
    if (!Array.isArray(doc))
      throw new Error(`${path}: a custom feed must be a JSON array of vulnerabilities`);
    doc.forEach((e: unknown, i: number) => {
      const id = isRecord(e) && typeof e.id === 'string' ? ` (${e.id.slice(0, 80)})` : '';
      try {
        sink.vulnerability(parseCustomEntry(e));
      } catch (err) {
        sink.invalid(`${path} [${i}]${id}`, (err as Error).message);
      }
    });
  },
};
