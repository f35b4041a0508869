-- Compliance rules per kind (CI, deployed images and containers, hosts). The CI list stays where it was ('ci.policy');
-- deployed images used that same list until now, so they start with a copy of it and no verdict changes on upgrade.
-- Hosts start with no rule: their results are shown unjudged until a host rule is added.
INSERT OR IGNORE INTO settings(key, value)
  SELECT 'compliance.rules.deployed', COALESCE(json_extract(value, '$.complianceRules'), '[]')
  FROM settings WHERE key = 'ci.policy' AND json_valid(value);
