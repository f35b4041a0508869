-- Container models (one per image), their history, and container audits raised by active models.
-- Learned facets are JSON arrays: they are read and written whole with the model, never queried inside.
CREATE TABLE models (
  id TEXT PRIMARY KEY,
  image TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('learning', 'active', 'archived')),
  learning_seconds REAL,
  learning_started_at TEXT NOT NULL,
  manual INTEGER NOT NULL DEFAULT 0,
  processes TEXT NOT NULL DEFAULT '[]',
  listening TEXT NOT NULL DEFAULT '[]',
  outbound TEXT NOT NULL DEFAULT '[]',
  dns TEXT NOT NULL DEFAULT '[]',
  file_dirs TEXT NOT NULL DEFAULT '[]',
  updated_at TEXT NOT NULL
);

CREATE TABLE model_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  model_id TEXT NOT NULL REFERENCES models(id) ON DELETE CASCADE,
  time TEXT NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL,
  container TEXT
);
CREATE INDEX model_history_model ON model_history(model_id, id);

CREATE TABLE audits (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  audit_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  what TEXT NOT NULL,
  container TEXT NOT NULL,
  image TEXT NOT NULL,
  process TEXT NOT NULL,
  rule TEXT NOT NULL,
  count INTEGER NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  UNIQUE (audit_key, first_seen)
);
CREATE INDEX audits_last_seen ON audits(last_seen);
CREATE INDEX audits_kind ON audits(kind);
