-- Base images: their layer diffIDs, so findings a derived image inherits from them can be told apart.
CREATE TABLE base_images (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ref TEXT NOT NULL,
  image_id TEXT,
  diff_ids_json TEXT NOT NULL,
  added_at TEXT NOT NULL,
  UNIQUE (diff_ids_json)
);

-- Vulnerability rules per kind (CI, deployed, hosts). The CI list stays where it was ('ci.policy'); deployed images
-- used that same list until now, so they start with a copy of it and no verdict changes on upgrade.
INSERT OR IGNORE INTO settings(key, value)
  SELECT 'vuln.rules.deployed', COALESCE(json_extract(value, '$.vulnerabilityRules'), '[]')
  FROM settings WHERE key = 'ci.policy' AND json_valid(value);
