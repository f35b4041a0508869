// The subject a stored scan is judged as by rule scopes (image globs and collections).
import type { ScopeSubject } from '../../agent/policy/scope';
import type { ScanRow } from '../db/repos/scans-repo';

/**
 * What a scan is judged as: hosts by host name; CI scans by image and the machine they ran on (what
 * `moat images scan` sends when it fetches its rules); deployed images by image and labels.
 */
export function subjectOfScan(row: ScanRow): ScopeSubject {
  // A host's name also stands in as its "image", so host rules scoped by plain globs keep matching it.
  if (row.kind === 'host') return { host: row.ref, image: row.ref };
  if (row.kind === 'ci') return { image: row.ref, host: row.source_host ?? undefined };
  const labels = row.image_json
    ? (JSON.parse(row.image_json) as { labels?: Record<string, string> }).labels
    : undefined;
  return { image: row.ref, labels };
}
