// Checks a freshly built intel.db before it is swapped in: every range bound must be a version of the
// package's scheme. Importers store ranges as given, and a bound the comparator cannot parse would only
// surface later as a per-scan warning, so the import names it now instead.
import Database from 'better-sqlite3';
import type { OsvRange } from '../../../agent/vuln/feeds/types';
import { schemeForEcosystem, versionSchemes } from '../../../agent/vuln/version/registry';
import type { VersionScheme } from '../../../agent/vuln/version/scheme';

export interface RangeProblem {
  feed: string;
  source: string;
  where: string;
}

interface Row {
  rowid: number;
  feed_id: number;
  name: string;
  source: string;
  vuln_id: string;
  package: string;
  eco_key: string;
  ranges: string;
  fixed_version: string | null;
}

function schemeFor(ecoKey: string, rangeType: string): VersionScheme | undefined {
  if (rangeType === 'GIT') return undefined;
  if (rangeType === 'SEMVER') return versionSchemes.semver;
  return schemeForEcosystem(ecoKey.split(':')[0]);
}

/** Pure: what is wrong with one affected line's ranges, or undefined. */
export function rangeProblem(ecoKey: string, rangesJson: string, fixed: string | null): string | undefined {
  let ranges: OsvRange[];
  try {
    ranges = JSON.parse(rangesJson) as OsvRange[];
  } catch {
    return 'stored ranges are not JSON';
  }
  for (const [i, r] of ranges.entries()) {
    const scheme = schemeFor(ecoKey, r.type);
    if (!scheme) continue;
    for (const e of r.events) {
      for (const [kind, v] of Object.entries(e)) {
        if (typeof v !== 'string') continue;
        if (kind === 'introduced' && v === '0') continue;
        if (!scheme.valid(v))
          return `ranges[${i}] ${kind} ${JSON.stringify(v).slice(0, 80)} is not a valid ${scheme.name} version`;
      }
    }
  }
  const scheme = schemeForEcosystem(ecoKey.split(':')[0]);
  if (fixed !== null && scheme && !scheme.valid(fixed))
    return `fixed version ${JSON.stringify(fixed).slice(0, 80)} is not a valid ${scheme.name} version`;
  return undefined;
}

/**
 * Finds affected lines with unparsable range bounds in the intel.db at dbPath. With drop, removes them and
 * counts each as an invalid record of its feed (the --allow-invalid path).
 */
export function checkRanges(
  dbPath: string,
  feeds: ReadonlyArray<{ name: string; source: string }>,
  drop: boolean,
): RangeProblem[] {
  const wanted = new Set(feeds.map((f) => `${f.name}\0${f.source}`));
  const db = new Database(dbPath);
  try {
    const rows = db
      .prepare(
        `SELECT a.rowid, a.feed_id, f.name, f.source, a.vuln_id, a.package, a.eco_key, a.ranges, a.fixed_version
         FROM affected a JOIN feeds f ON f.id = a.feed_id`,
      )
      .iterate() as IterableIterator<Row>;
    const problems: RangeProblem[] = [];
    const bad: Row[] = [];
    for (const r of rows) {
      if (!wanted.has(`${r.name}\0${r.source}`)) continue;
      const p = rangeProblem(r.eco_key, r.ranges, r.fixed_version);
      if (!p) continue;
      bad.push(r);
      problems.push({
        feed: r.name,
        source: r.source,
        where: `record ${r.vuln_id} (${r.eco_key} ${r.package}): ${p}`,
      });
    }
    if (drop && bad.length > 0) {
      const del = db.prepare('DELETE FROM affected WHERE rowid = ?');
      const bump = db.prepare('UPDATE feeds SET invalid_count = invalid_count + 1 WHERE id = ?');
      db.transaction(() => {
        for (const r of bad) {
          del.run(r.rowid);
          bump.run(r.feed_id);
        }
      })();
    }
    return problems;
  } finally {
    db.close();
  }
}
