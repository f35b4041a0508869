// Debian security tracker importer ({source package: {CVE: {description, releases: {codename: {...}}}}}).
// The real file is tens of MB, so it is streamed one source package at a time.
import { debianRelease, osKey } from './ecosystem';
import { streamJsonMembers } from './json-stream';
import { clip, fileChunks, headText, isRecord, parseJson } from './read-input';
import type { AffectedEntry, FeedImporter, FeedSink, VulnRecord } from './types';
import { MAX_ID, MAX_NAME, MAX_TEXT, MAX_VERSION } from './types';
import { severityFromDebianUrgency } from '../severity';

const MAX_PACKAGE_CHARS = 64 * 1024 * 1024;

function releaseEntry(pkg: string, codename: string, rel: unknown): AffectedEntry | undefined {
  if (!isRecord(rel)) throw new Error(`release ${codename} is not an object`);
  const release = debianRelease(codename);
  if (!release)
    throw new Error(`release name ${JSON.stringify(codename).slice(0, 40)} is not a Debian release`);
  const status = rel.status;
  const fixed = rel.fixed_version;
  if (fixed !== undefined && (typeof fixed !== 'string' || fixed.length > MAX_VERSION))
    throw new Error(`release ${codename}: fixed_version must be a version string`);
  const urgency = typeof rel.urgency === 'string' ? rel.urgency : undefined;
  const base = {
    ecosystem: `debian:${codename}`,
    ecoKey: osKey('deb', 'debian', release),
    distro: 'debian',
    release,
    packageName: pkg,
    versions: [],
    severity: severityFromDebianUrgency(urgency),
  };
  if (status === 'resolved') {
    if (typeof fixed !== 'string' || fixed.length === 0)
      throw new Error(`release ${codename}: resolved without fixed_version`);
    // fixed_version "0": the release never shipped an affected version.
    if (fixed === '0') return undefined;
    return {
      ...base,
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
      fixedVersion: fixed,
      status: 'fixed',
    };
  }
  if (status === 'open' || status === 'undetermined') {
    const endOfLife = urgency?.replace(/\*+$/, '') === 'end-of-life';
    return {
      ...base,
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
      status: endOfLife ? 'wontfix' : status === 'open' ? 'open' : 'unknown',
    };
  }
  throw new Error(`release ${codename}: unknown status ${JSON.stringify(status).slice(0, 40)}`);
}

/** Pure: one source package's member of the tracker JSON -> records; bad CVE entries go to sink.invalid. */
export function debianPackageRecords(
  pkg: string,
  value: unknown,
  where: string,
  sink: Pick<FeedSink, 'invalid'>,
): VulnRecord[] {
  if (pkg.length === 0 || pkg.length > MAX_NAME) {
    sink.invalid(where, `source package name of ${pkg.length} characters`);
    return [];
  }
  if (!isRecord(value)) {
    sink.invalid(`${where} ${pkg}`, 'expected an object of CVE ids');
    return [];
  }
  const out: VulnRecord[] = [];
  for (const [id, cve] of Object.entries(value)) {
    const at = `${where} ${pkg} ${id.slice(0, MAX_ID)}`;
    try {
      if (id.length === 0 || id.length > MAX_ID) throw new Error('bad vulnerability id');
      if (!isRecord(cve) || !isRecord(cve.releases)) throw new Error('expected {"releases": {...}}');
      const affected: AffectedEntry[] = [];
      for (const [codename, rel] of Object.entries(cve.releases)) {
        const entry = releaseEntry(pkg, codename, rel);
        if (entry) affected.push(entry);
      }
      if (affected.length === 0) continue;
      const description = typeof cve.description === 'string' ? clip(cve.description, MAX_TEXT) : undefined;
      out.push({ id, aliases: [], description, affected });
    } catch (err) {
      sink.invalid(at, (err as Error).message);
    }
  }
  return out;
}

export const debianTrackerImporter: FeedImporter = {
  name: 'debian-tracker',
  detect(_name: string, firstBytes: Buffer): boolean {
    const head = headText(firstBytes);
    return /^\s*\{\s*"[^"]+"\s*:\s*\{\s*"[^"]+"\s*:\s*\{/.test(head) && /"releases"\s*:/.test(head);
  },
  async run(path: string, sink: FeedSink): Promise<void> {
    const members = streamJsonMembers(fileChunks(path), path, {
      path: [],
      maxItemChars: MAX_PACKAGE_CHARS,
      onBytes: (b) => sink.progress(b),
    });
    for await (const m of members) {
      const pkg = m.key ?? '';
      if (m.text === undefined) {
        sink.invalid(`${path} ${pkg}`, `package entry larger than ${MAX_PACKAGE_CHARS} characters`);
        continue;
      }
      const value = parseJson(m.text, `${path} ${pkg}`);
      for (const r of debianPackageRecords(pkg, value, path, sink)) sink.vulnerability(r);
    }
  },
};
