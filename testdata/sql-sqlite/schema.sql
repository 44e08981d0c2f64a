-- Local notes app (SQLite).
PRAGMA foreign_keys = ON;

CREATE TABLE IF NOT EXISTS notebooks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL,
  archived BOOLEAN NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS notes (
  id INTEGER PRIMARY KEY,
  notebook_id INTEGER NOT NULL REFERENCES notebooks(id) ON DELETE CASCADE,
  body TEXT,
  score REAL,
  attachment BLOB,
  created_at DATETIME DEFAULT (datetime('now')),
  uid VARCHAR(36) NOT NULL UNIQUE
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS notes_notebook ON notes(notebook_id);
CREATE TRIGGER IF NOT EXISTS notes_touch AFTER UPDATE ON notes BEGIN
  UPDATE notebooks SET archived = 0 WHERE id = NEW.notebook_id;
END;
