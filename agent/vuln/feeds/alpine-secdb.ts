// Alpine secdb importer (v3.x/main.json, community.json): every secfixes version fixes the listed ids on
// that branch. The files are small (well under a megabyte), so each is parsed whole under a size cap.
import { alpineBranch, osKey } from './ecosystem';
import { headText, isRecord, readJsonCapped } from './read-input';
import type { FeedImporter, FeedSink, VulnRecord } from './types';
import { MAX_ID, MAX_NAME, MAX_VERSION } from './types';

const MAX_SECDB_BYTES = 64 * 1024 * 1024;
// Ids are a prefix, a dash and something with a digit: CVE-…, XSA-204, wnpa-sec-2017-18 (Wireshark).
const ID = /^[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9._:-]*\d[A-Za-z0-9._:-]*$/;

/**
 * Splits secfixes entries such as "CVE-2016-10013 XSA-204", "CVE-2018-14461 (LDP)" or the typo
 * "CVE 2018-16859" / "CVE_2019-2426" into ids; words that are not ids (the "(LDP)" note) are dropped.
 */
export function splitSecfixIds(entry: string): string[] {
  return entry
    .replace(/\bCVE[\s_]+(?=\d{4}-\d)/g, 'CVE-')
    .split(/\s+/)
    .filter((t) => ID.test(t) && t.length <= MAX_ID);
}

/** Pure: a parsed secdb document -> one record per (id, package, fixed version); problems go to sink.invalid. */
export function secdbRecords(doc: unknown, where: string, sink: Pick<FeedSink, 'invalid'>): VulnRecord[] {
  if (!isRecord(doc)) throw new Error(`${where}: not an Alpine secdb document (expected a JSON object)`);
  const branchText = doc.distroversion;
  const branch = typeof branchText === 'string' ? alpineBranch(branchText) : undefined;
  if (!branch)
    throw new Error(
      `${where}: distroversion ${JSON.stringify(branchText)} is not an Alpine branch like "v3.11"`,
    );
  if (doc.packages === null || doc.packages === undefined) return [];
  if (!Array.isArray(doc.packages)) {
    throw new Error(`${where}: "packages" must be an array or null, found ${typeof doc.packages}`);
  }
  const ecosystem = `Alpine:v${branch}`;
  const out: VulnRecord[] = [];
  doc.packages.forEach((item: unknown, i: number) => {
    const at = `${where} packages[${i}]`;
    const pkg = isRecord(item) ? item.pkg : undefined;
    if (
      !isRecord(pkg) ||
      typeof pkg.name !== 'string' ||
      pkg.name.length === 0 ||
      pkg.name.length > MAX_NAME
    ) {
      sink.invalid(at, 'expected {"pkg": {"name": string, "secfixes": {...}}}');
      return;
    }
    const name = pkg.name;
    if (pkg.secfixes === null || pkg.secfixes === undefined) return;
    if (!isRecord(pkg.secfixes)) {
      sink.invalid(`${at} (${name})`, 'secfixes must be an object of version -> ids');
      return;
    }
    for (const [version, ids] of Object.entries(pkg.secfixes)) {
      // "0" marks ids that never affected Alpine's build of the package.
      if (version === '0') continue;
      if (ids === null) continue;
      if (version.length > MAX_VERSION || !Array.isArray(ids)) {
        sink.invalid(`${at} (${name} ${version.slice(0, 40)})`, 'expected a version mapped to a list of ids');
        continue;
      }
      const seen = new Set<string>();
      for (const entry of ids) {
        const parsed = typeof entry === 'string' ? splitSecfixIds(entry) : [];
        if (parsed.length === 0) {
          sink.invalid(
            `${at} (${name} ${version})`,
            `no vulnerability id in ${JSON.stringify(entry).slice(0, 80)}`,
          );
          continue;
        }
        for (const id of parsed) {
          if (seen.has(id)) continue;
          seen.add(id);
          out.push({
            id,
            aliases: [],
            affected: [
              {
                ecosystem,
                ecoKey: osKey('apk', 'alpine', branch),
                distro: 'alpine',
                release: branch,
                packageName: name,
                ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: version }] }],
                fixedVersion: version,
                versions: [],
                status: 'fixed',
              },
            ],
          });
        }
      }
    }
  });
  return out;
}

export const alpineSecdbImporter: FeedImporter = {
  name: 'alpine-secdb',
  detect(_name: string, firstBytes: Buffer): boolean {
    const head = headText(firstBytes);
    return /^\s*\{/.test(head) && /"distroversion"\s*:/.test(head);
  },
  async run(path: string, sink: FeedSink): Promise<void> {
    const doc = await readJsonCapped(path, MAX_SECDB_BYTES);
    for (const r of secdbRecords(doc, path, sink)) sink.vulnerability(r);
  },
};
