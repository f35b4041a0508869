-- Collections (named resource sets used as rule scopes) and tags on vulnerabilities with who/when/comment.
CREATE TABLE collections (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  description TEXT NOT NULL DEFAULT '',
  colour TEXT NOT NULL DEFAULT '#2563eb',
  images_json TEXT NOT NULL DEFAULT '[]',
  containers_json TEXT NOT NULL DEFAULT '[]',
  hosts_json TEXT NOT NULL DEFAULT '[]',
  labels_json TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE vuln_tags (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  colour TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT ''
);

INSERT INTO vuln_tags(name, colour, description) VALUES
  ('Ignored', '#6b7280', 'Reviewed and accepted; no action planned.'),
  ('In progress', '#d97706', 'Someone is working on a fix.'),
  ('Fixed upstream', '#059669', 'Fixed in a newer upstream release; waiting for the image to be rebuilt.');

-- A tag on a vulnerability id, optionally narrowed to one package and/or one image ('' means any).
CREATE TABLE vuln_tag_assignments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tag_id INTEGER NOT NULL REFERENCES vuln_tags(id) ON DELETE CASCADE,
  vuln_id TEXT NOT NULL,
  package TEXT NOT NULL DEFAULT '',
  image TEXT NOT NULL DEFAULT '',
  comment TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (tag_id, vuln_id, package, image)
);
CREATE INDEX vuln_tag_assignments_vuln ON vuln_tag_assignments(vuln_id);
