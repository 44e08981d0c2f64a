// Left behind by `drizzle-kit pull` against an old database; nothing imports it.
import { pgTable, serial, varchar } from "drizzle-orm/pg-core";

export const users = pgTable("users", { // expect: construct-not-understood@info
  id: serial("id").primaryKey(),
  email: varchar("email", { length: 100 }).notNull(),
});
