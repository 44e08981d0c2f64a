import { integer, jsonb, pgTable, serial, text, timestamp, varchar } from "drizzle-orm/pg-core";

export const users = pgTable("users", {
  id: serial("id").primaryKey(),
  email: varchar("email", { length: 320 }).notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const boards = pgTable("boards", {
  id: serial("id").primaryKey(),
  ownerId: integer("owner_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  title: text("title").notNull(),
});

// A tile shows a link, a query result or a CRM list; `settings` holds what its kind needs.
export const tiles = pgTable("tiles", {
  id: serial("id").primaryKey(),
  boardId: integer("board_id")
    .notNull()
    .references(() => boards.id, { onDelete: "cascade" }),
  kind: varchar("kind", { length: 20 }).notNull(),
  label: text("label").notNull(),
  position: integer("position").notNull().default(0),
  settings: jsonb("settings").notNull().default({}),
});

export const tileClicks = pgTable("tile_clicks", {
  id: serial("id").primaryKey(),
  tileId: integer("tile_id")
    .notNull()
    .references(() => tiles.id, { onDelete: "cascade" }),
  clickedAt: timestamp("clicked_at", { withTimezone: true }).notNull().defaultNow(),
});
