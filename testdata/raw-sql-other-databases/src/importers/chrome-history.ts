// "Most visited" tiles: read the user's Chrome history file (a SQLite database Chrome owns),
// copied aside first because Chrome keeps it locked.
import Database from "better-sqlite3";
import { copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Visited {
  url: string;
  title: string;
  visit_count: number;
}

export function mostVisited(historyPath: string, limit = 12): Visited[] {
  const copy = join(tmpdir(), `history-${process.pid}.sqlite`);
  copyFileSync(historyPath, copy);
  const history = new Database(copy, { readonly: true, fileMustExist: true });
  try {
    return history
      .prepare(
        `SELECT url, title, visit_count FROM urls
          WHERE hidden = 0 AND url LIKE 'http%'
          ORDER BY visit_count DESC, last_visit_time DESC
          LIMIT ?`,
      )
      .all(limit) as Visited[];
  } finally {
    history.close();
  }
}

export function visitsSince(historyPath: string, chromeTime: number) {
  const history = new Database(historyPath, { readonly: true });
  return history
    .prepare("SELECT u.url, v.visit_time FROM visits v JOIN urls u ON u.id = v.url WHERE v.visit_time > ?")
    .all(chromeTime);
}
