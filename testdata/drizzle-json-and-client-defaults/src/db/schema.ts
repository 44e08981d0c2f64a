import { bigint, json, mysqlTable, varchar } from "drizzle-orm/mysql-core";

export const users = mysqlTable("users", {
  id: varchar("id", { length: 15 }).primaryKey(),
  // drizzle-kit writes JSON.stringify(null): DEFAULT ('null').
  preferences: json("preferences").$type<{ muted: boolean } | null>().default(null),
  settings: json("settings").default({ theme: "dark" }),  // expect: column-default-mismatch
});

// A hand-edited migration gave these a database default; the schema sets the same value on
// insert, so only a statement that bypasses drizzle sees a difference.
export const uploads = mysqlTable("uploads", {
  id: varchar("id", { length: 15 }).primaryKey(),
  uploaded: bigint("uploaded", { mode: "number", unsigned: true })  // expect: column-default-mismatch@info
    .notNull()
    .$defaultFn(() => 0),
  total: bigint("total", { mode: "number", unsigned: true }).notNull().$defaultFn(() => 1),  // expect: column-default-mismatch
});
