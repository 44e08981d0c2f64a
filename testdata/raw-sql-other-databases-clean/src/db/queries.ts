// Board queries that are easier in SQL than through the query builder.
import { Pool } from "pg";

export const pool = new Pool({ connectionString: process.env.DATABASE_URL });

export async function tilesOf(boardId: number) {
  const { rows } = await pool.query(
    "SELECT id, kind, label, settings FROM tiles WHERE board_id = $1 ORDER BY position, id",
    [boardId],
  );
  return rows;
}

export async function renameBoard(boardId: number, title: string) {
  await pool.query("UPDATE boards SET title = $2 WHERE id = $1", [boardId, title]);
}

export async function moveTile(ownerId: number, tileId: number, position: number) {
  await pool.query(
    `UPDATE tiles SET position = $2
      WHERE id = $1 AND board_id IN (SELECT id FROM boards WHERE owner_id = $3)`,
    [tileId, position, ownerId],
  );
}

export async function recordClick(tileId: number) {
  await pool.query("INSERT INTO tile_clicks (tile_id, clicked_at) VALUES ($1, now())", [tileId]);
}
