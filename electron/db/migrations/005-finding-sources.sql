-- Where each finding's severity came from, and pages to read about it.
ALTER TABLE scan_vulns ADD COLUMN severity_source TEXT;
ALTER TABLE scan_vulns ADD COLUMN links_json TEXT NOT NULL DEFAULT '[]';
