import { mysqlTable, varchar } from "drizzle-orm/mysql-core";
import { id, timestamps, ulid } from "./types";
import { user } from "./user.sql";

export const card = mysqlTable("card", {
  ...id,
  ...timestamps,
  userID: ulid("user_id")
    .notNull()
    .references(() => user.id),
  brand: varchar("brand", { length: 32 }).notNull(),
  last4: varchar("last4", { length: 4 }).notNull(), // expect: column-missing-from-database
});
