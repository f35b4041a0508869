// Matching bench data: an intel.db of N affected-package lines written straight with the real schema
// (building it through an importer would measure the importer), and an inventory of packages of which
// about half have records. Deterministic: the same N gives the same file.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import type { OsInfo, Package } from '../agent/model/package';
import { INTEL_SCHEMA, INTEL_SCHEMA_VERSION } from '../agent/vuln/intel-schema';

interface Eco {
  ecoKey: string;
  ecosystem: Package['ecosystem'];
  version: (a: number, b: number) => string;
}

// One OS release plus three language ecosystems, each with its own comparator.
const ECOS: readonly Eco[] = [
  { ecoKey: 'deb:debian:12', ecosystem: 'deb', version: (a, b) => `${a}.${b}-${(a % 5) + 1}+deb12u${b % 7}` },
  { ecoKey: 'npm', ecosystem: 'npm', version: (a, b) => `${a}.${b}.${(a * b) % 13}` },
  { ecoKey: 'pypi', ecosystem: 'pypi', version: (a, b) => `${a}.${b}.post${b % 3}` },
  { ecoKey: 'golang', ecosystem: 'golang', version: (a, b) => `v${a}.${b}.${a % 4}` },
];

export const BENCH_OS: OsInfo = { family: 'debian', release: '12', codename: 'bookworm' };

/** Small deterministic generator, so runs compare. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const RECORDS_PER_PACKAGE = 6;

export function generateIntelDb(file: string, records: number): void {
  fs.rmSync(file, { force: true });
  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(INTEL_SCHEMA);
  db.pragma(`user_version = ${INTEL_SCHEMA_VERSION}`);
  const rand = rng(42);
  const feed = db.prepare("INSERT INTO feeds (name, source, imported_at) VALUES ('osv', 'bench', ?)");
  const feedId = Number(feed.run(new Date().toISOString()).lastInsertRowid);
  const vuln = db.prepare(
    'INSERT INTO vulnerabilities (feed_id, id, aliases, summary, severity) VALUES (?, ?, ?, ?, ?)',
  );
  const affected = db.prepare(
    `INSERT INTO affected (feed_id, vuln_id, ecosystem, eco_key, package, ranges, fixed_version, versions, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, '[]', 'fixed')`,
  );
  db.transaction(() => {
    for (let i = 0; i < records; i++) {
      const eco = ECOS[i % ECOS.length];
      const pkg = `pkg-${Math.floor(i / RECORDS_PER_PACKAGE / ECOS.length)}`;
      const id = `CVE-2020-${100000 + i}`;
      const fixed = eco.version(1 + Math.floor(rand() * 9), Math.floor(rand() * 20));
      const ranges = JSON.stringify([{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }]);
      vuln.run(feedId, id, '[]', `bench record ${i}`, 'medium');
      affected.run(feedId, id, eco.ecoKey, eco.ecoKey, pkg, ranges, fixed);
    }
  })();
  db.prepare('UPDATE feeds SET record_count = ? WHERE id = ?').run(records, feedId);
  db.close();
}

/** n packages across the ecosystems; every other one has records in a db of `records` lines. */
export function generatePackages(n: number, records: number): Package[] {
  const rand = rng(7);
  const names = Math.floor(records / RECORDS_PER_PACKAGE / ECOS.length);
  const out: Package[] = [];
  for (let i = 0; i < n; i++) {
    const eco = ECOS[i % ECOS.length];
    const name = i % 2 === 0 ? `pkg-${Math.floor(rand() * names)}` : `other-${i}`;
    const version = eco.version(1 + Math.floor(rand() * 9), Math.floor(rand() * 20));
    out.push({
      name,
      version,
      ecosystem: eco.ecosystem,
      purl: `pkg:${eco.ecosystem}/${name}@${version}`,
      licenses: [],
      foundIn: eco.ecosystem === 'deb' ? '/var/lib/dpkg/status' : `/app/${name}`,
      ...(eco.ecosystem === 'deb' ? { sourceName: name, sourceVersion: version } : {}),
    });
  }
  return out;
}
