// Full-text search over notes, kept in step by hand: FTS5 tables are out of drizzle's reach.
import Database from "better-sqlite3";

const db = new Database(process.env.NOTES_DB ?? "data/notes.db");

export interface Hit {
  rowid: number;
  title: string;
}

export function search(query: string, limit = 20): Hit[] {
  return db
    .prepare("SELECT rowid, title FROM notes_fts WHERE notes_fts MATCH ? ORDER BY rank LIMIT ?")
    .all(query, limit) as Hit[];
}

export function recent(query: string) {
  return db
    .prepare(
      `SELECT n.id, n.title, n.created_at FROM notes_fts
         JOIN notes n ON n.id = notes_fts.note_id
        WHERE notes_fts MATCH ?
        ORDER BY n.created_at DESC LIMIT 10`,
    )
    .all(query);
}

export function reindex(note: { id: number; title: string; body: string }) {
  const replace = db.transaction(() => {
    db.prepare("DELETE FROM notes_fts WHERE rowid = ?").run(note.id);
    db.prepare("INSERT INTO notes_fts (rowid, title, body, note_id) VALUES (?, ?, ?, ?)").run(
      note.id,
      note.title,
      note.body,
      note.id,
    );
  });
  replace();
}
