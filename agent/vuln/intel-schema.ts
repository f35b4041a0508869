// intel.db schema. The file is rebuilt or copied on every import, so there are no migrations: a file with
// another schema version is refused at open and replaced by the next import.
export const INTEL_SCHEMA_VERSION = 1;

export const INTEL_SCHEMA = `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- One row per (input, importer): a directory of OSV files is one feed, not thousands.
CREATE TABLE feeds (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  source TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  record_count INTEGER NOT NULL DEFAULT 0,
  invalid_count INTEGER NOT NULL DEFAULT 0,
  newest_modified TEXT,
  UNIQUE (source, name)
);

CREATE TABLE vulnerabilities (
  feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  aliases TEXT NOT NULL DEFAULT '[]',
  summary TEXT,
  description TEXT,
  published TEXT,
  modified TEXT,
  severity TEXT,
  cvss_score REAL,
  cvss_vector TEXT,
  cvss_version TEXT,
  PRIMARY KEY (feed_id, id)
) WITHOUT ROWID;

CREATE INDEX vulnerabilities_by_id ON vulnerabilities (id);

-- ecosystem is the feed's own spelling; eco_key/package are normalised for lookup (see feeds/ecosystem.ts).
CREATE TABLE affected (
  feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
  vuln_id TEXT NOT NULL,
  ecosystem TEXT NOT NULL,
  eco_key TEXT NOT NULL,
  distro TEXT,
  release TEXT,
  package TEXT NOT NULL,
  ranges TEXT NOT NULL DEFAULT '[]',
  range_expr TEXT,
  fixed_version TEXT,
  versions TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL,
  severity TEXT
);

CREATE INDEX affected_by_package ON affected (eco_key, package);
CREATE INDEX affected_by_feed ON affected (feed_id);

-- NVD enrichment, joined by CVE id at match time so feeds can be imported in any order.
CREATE TABLE nvd (
  id TEXT PRIMARY KEY,
  feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
  description TEXT,
  published TEXT,
  modified TEXT,
  cvss_score REAL,
  cvss_vector TEXT,
  cvss_version TEXT,
  severity TEXT
) WITHOUT ROWID;

CREATE INDEX nvd_by_feed ON nvd (feed_id);
`;
