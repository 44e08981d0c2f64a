import { pgEnum, pgTable, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { authUsers } from "../auth";

const SLUG_BASE = 40;

export const workspaceType = pgEnum("WorkspaceType", ["Root", "Child"]);

export const workspaces = pgTable("Workspace", {
  id: uuid("id").primaryKey().defaultRandom(),
  type: workspaceType("type").default("Root").notNull(),
  slug: varchar("slug", { length: SLUG_BASE + 24 }).notNull(),
  ownerId: uuid("owner_id").notNull().references(() => authUsers.id),
  createdAt: timestamp("created_at").defaultNow().notNull(),
});
