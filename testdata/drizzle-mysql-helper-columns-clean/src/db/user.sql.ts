import { mysqlTable, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { id, timestamps } from "./types";

export const user = mysqlTable(
  "user",
  {
    ...id,
    ...timestamps,
    email: varchar("email", { length: 255 }).notNull(),
  },
  (table) => [uniqueIndex("user_email").on(table.email)],
);
