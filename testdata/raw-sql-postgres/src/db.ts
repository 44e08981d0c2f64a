// node-postgres: strings and templates passed to query(), and query configs.
import { Pool } from "pg";

export const pool = new Pool({ connectionString: process.env.DATABASE_URL });

export async function accountByEmail(email: string) {
  const { rows } = await pool.query(
    "SELECT id, email, fullname FROM accounts WHERE email = $1", // expect: sql-unknown-column
    [email],
  );
  return rows[0] ?? null;
}

export async function createProject(accountId: number, name: string) {
  const { rows } = await pool.query({
    text: "INSERT INTO projects (account_id, name) VALUES ($1, $2) RETURNING id, archived",
    values: [accountId, name],
  });
  return rows[0];
}

export async function archiveProject(id: number) {
  await pool.query(`UPDATE projects SET archive = true WHERE id = $1`, [id]); // expect: sql-unknown-column
}

export async function commentOn(taskId: number, body: string) {
  await pool.query(
    `INSERT INTO task_comments (task_id, body) VALUES ($1, $2)`, // expect: sql-unknown-table
    [taskId, body],
  );
}

export async function typo(email: string) {
  return pool.query("SELECT id FROM accounts WHER email = $1", [email]); // expect: sql-unparsed
}

// Tables the application creates for itself are known.
export async function withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
  await pool.query(
    "CREATE TABLE IF NOT EXISTS job_locks (name text PRIMARY KEY, locked_until timestamptz NOT NULL)",
  );
  await pool.query(
    "INSERT INTO job_locks (name, locked_until) VALUES ($1, now() + interval '5 minutes') ON CONFLICT (name) DO NOTHING",
    [name],
  );
  try {
    return await work();
  } finally {
    await pool.query("DELETE FROM job_locks WHERE name = $1", [name]);
  }
}

// Views the migrations create are known; their columns are not checked.
export async function openTasks(projectId: number) {
  const { rows } = await pool.query("SELECT id, title, due_on FROM open_tasks WHERE project_id = $1", [projectId]);
  return rows;
}
