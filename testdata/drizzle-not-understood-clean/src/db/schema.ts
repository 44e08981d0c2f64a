import { pgTable, serial, text, timestamp, varchar, point } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

export const events = pgTable("acme_events", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
});

export const venues = pgTable("venues", {
  id: serial("id").primaryKey(),
  name: varchar("name", { length: 120 }).notNull(),
  location: point("location"),
  openedAt: timestamp("opened_at").default(sql`now()`),
});
