// postgres.js: tagged templates, fragments and dynamic identifiers.
import postgres from "postgres";

const sql = postgres(process.env.DATABASE_URL!);

export async function overdue(accountId: number) {
  return sql`
    WITH mine AS (
      SELECT p.id, p.name FROM projects p WHERE p.account_id = ${accountId} AND NOT p.archived
    )
    SELECT t.id, t.title, t.due_on, mine.name AS project, a.display_name AS assignee
    FROM tasks t
    JOIN mine ON mine.id = t.project_id
    LEFT JOIN accounts a ON a.id = t.assignee_id
    WHERE t.due_on < current_date AND NOT t.done
    ORDER BY t.due_on, project
  `;
}

export async function busiest() {
  return sql`
    SELECT a.email, count(*) AS open, rank() OVER (ORDER BY count(*) DESC) AS place
    FROM accounts a
    JOIN tasks t ON t.assignee_id = a.id
    WHERE NOT t.done
      AND EXISTS (SELECT 1 FROM projects p WHERE p.id = t.project_id AND p.owner = a.id) -- expect: sql-unknown-column
    GROUP BY a.email
    HAVING count(*) > ${5}
  `;
}

export async function countRows(table: string) {
  // A dynamic table name cannot be checked.
  return sql`SELECT count(*) FROM ${sql(table)}`;
}

export async function search(filter: ReturnType<typeof sql>) {
  // A fragment: its columns cannot be known.
  return sql`SELECT id, title FROM tasks WHERE ${filter} ORDER BY id`;
}

export async function tagged(tag: string) {
  return sql.unsafe("SELECT id, title FROM tasks WHERE $1 = ANY(tags) AND labels IS NOT NULL", [tag]); // expect: sql-unknown-column
}

export async function asJson(id: number) {
  return sql`SELECT to_jsonb(t) FROM tasks t WHERE t.id = ${id}`;
}
