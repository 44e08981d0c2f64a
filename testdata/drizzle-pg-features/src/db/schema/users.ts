import { pgEnum, pgTable, text, varchar, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { id, timestamps } from "../columns";

export const userRole = pgEnum("user_role", ["owner", "member", "guest"]);

export const users = pgTable(
  "users",
  {
    id: id(),
    email: varchar({ length: 320 }).notNull(),
    displayName: text(),
    role: userRole().notNull().default("member"),
    ...timestamps,
  },
  (t) => [uniqueIndex("users_email_lower_idx").on(sql`lower(${t.email})`)],
);
