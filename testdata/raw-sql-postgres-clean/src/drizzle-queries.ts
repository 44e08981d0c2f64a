// Drizzle without a schema: raw SQL through db.execute(sql`...`) and sql.raw().
import { drizzle } from "drizzle-orm/node-postgres";
import { sql } from "drizzle-orm";
import { pool } from "./db";

interface Milestone {
  id: number;
}

const db = drizzle(pool);

export async function completeAll(projectId: number) {
  return db.execute(sql`UPDATE tasks SET done = true, due_on = current_date WHERE project_id = ${projectId}`);
}

export async function projectNames() {
  return db.execute(sql.raw("SELECT id, name FROM projects WHERE NOT archived ORDER BY name"));
}

export async function typed(id: number) {
  return db.execute(sql<Milestone>`SELECT id FROM milestones WHERE project_id = ${id}`);
}
