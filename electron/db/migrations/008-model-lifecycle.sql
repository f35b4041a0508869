-- Model lifecycle: a model is archived when no container uses its image and deleted after a while.
-- archived_at/prior_state let a returning container restore the state the model had.
ALTER TABLE models ADD COLUMN archived_at TEXT;
ALTER TABLE models ADD COLUMN prior_state TEXT CHECK (prior_state IN ('learning', 'active'));

-- History outlives a deleted model (its last entry says why it went), so it no longer cascades with it.
CREATE TABLE model_history_kept (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  model_id TEXT NOT NULL,
  time TEXT NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL,
  container TEXT
);
INSERT INTO model_history_kept(id, model_id, time, kind, detail, container)
  SELECT id, model_id, time, kind, detail, container FROM model_history;
DROP TABLE model_history;
ALTER TABLE model_history_kept RENAME TO model_history;
CREATE INDEX model_history_model ON model_history(model_id, id);
