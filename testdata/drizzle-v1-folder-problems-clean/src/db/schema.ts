import { boolean, integer, pgTable, serial, text } from "drizzle-orm/pg-core";

export const boards = pgTable("boards", {
  id: serial("id").primaryKey(),
  title: text("title").notNull(),
  archived: boolean("archived").default(false).notNull(),
});

export const cards = pgTable("cards", {
  id: serial("id").primaryKey(),
  boardId: integer("board_id").notNull().references(() => boards.id),
  body: text("body"),
});
