-- Compliance results stored with each scan (CI publishing, and later deployed images and hosts).
CREATE TABLE scan_compliance (
  scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
  check_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  severity TEXT NOT NULL,
  status TEXT NOT NULL,
  evidence_json TEXT NOT NULL DEFAULT '[]',
  reason TEXT,
  custom INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (scan_id, check_id)
);
