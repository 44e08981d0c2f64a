import { index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";

export const teams = pgTable("teams", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
});

export const players = pgTable("players", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
  // Added to the schema after the last `drizzle-kit generate`.
  age: integer("age"), // expect: column-missing-from-database
  teamId: integer("team_id").references(() => teams.id),
  joinedAt: timestamp("joined_at").defaultNow().notNull(),
}, (t) => [index("players_team_idx").on(t.teamId)]);
