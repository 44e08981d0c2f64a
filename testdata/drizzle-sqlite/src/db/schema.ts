import { sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const projects = sqliteTable("projects", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  archived: integer("archived", { mode: "boolean" }).notNull().default(false),
  createdAt: integer("created_at", { mode: "timestamp" })
    .notNull()
    .default(sql`(unixepoch())`),
});

export const tasks = sqliteTable(
  "tasks",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    status: text("status", { enum: ["todo", "doing", "done"] }).notNull().default("todo"),
    estimate: real("estimate"),
    labels: text("labels", { mode: "json" }).$type<string[]>().default(sql`'[]'`),
    dueAt: integer("due_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("tasks_project_idx").on(t.projectId),
    index("tasks_open_idx").on(t.projectId, t.dueAt).where(sql`${t.status} != 'done'`),
  ],
);
