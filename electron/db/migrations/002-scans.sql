-- Scan results: one row per scan of an image (deployed or CI) or a host, with its packages and findings.
CREATE TABLE scans (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('deployed', 'ci', 'host')),
  image_id TEXT,
  ref TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  error TEXT,
  os_family TEXT,
  os_release TEXT,
  os_name TEXT,
  image_json TEXT,
  layers_json TEXT NOT NULL DEFAULT '[]',
  warnings_json TEXT NOT NULL DEFAULT '[]',
  feeds_json TEXT NOT NULL DEFAULT '[]',
  source_host TEXT,
  source_user TEXT,
  verdict TEXT
);
CREATE INDEX scans_image ON scans(image_id, id);
CREATE INDEX scans_kind ON scans(kind, id);

CREATE TABLE scan_packages (
  scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  ecosystem TEXT NOT NULL,
  purl TEXT NOT NULL,
  source_name TEXT,
  source_version TEXT,
  licenses_json TEXT NOT NULL DEFAULT '[]',
  arch TEXT,
  found_in TEXT NOT NULL,
  layer_index INTEGER,
  PRIMARY KEY (scan_id, idx)
);

CREATE TABLE scan_vulns (
  scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
  package_idx INTEGER NOT NULL,
  vuln_id TEXT NOT NULL,
  aliases_json TEXT NOT NULL DEFAULT '[]',
  severity TEXT NOT NULL,
  cvss_score REAL,
  cvss_vector TEXT,
  fixed_in TEXT,
  status TEXT NOT NULL,
  published TEXT,
  description TEXT,
  feed TEXT NOT NULL,
  feed_imported_at TEXT,
  PRIMARY KEY (scan_id, package_idx, vuln_id)
);
CREATE INDEX scan_vulns_severity ON scan_vulns(scan_id, severity);
