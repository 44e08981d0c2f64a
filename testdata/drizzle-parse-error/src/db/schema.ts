import { sqliteTable, integer, text } from "drizzle-orm/sqlite-core";

export const bookmarks = sqliteTable("bookmarks", {
  id: integer("id").primaryKey(),
  url: text("url").notNull(),
});

export const folders = sqliteTable("folders", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(,  // expect: parse-error
});
