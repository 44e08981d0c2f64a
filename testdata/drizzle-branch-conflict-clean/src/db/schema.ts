import { pgTable, serial, text, varchar } from "drizzle-orm/pg-core";

export const profiles = pgTable("profiles", {
  id: serial("id").primaryKey(),
  handle: varchar("handle", { length: 40 }).notNull().unique(),
  avatarUrl: text("avatar_url"),
  bio: text("bio"),
});
