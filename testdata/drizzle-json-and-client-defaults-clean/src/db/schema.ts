import { bigint, json, mysqlTable, varchar } from "drizzle-orm/mysql-core";

export const users = mysqlTable("users", {
  id: varchar("id", { length: 15 }).primaryKey(),
  // drizzle-kit writes JSON.stringify(null): DEFAULT ('null').
  preferences: json("preferences").$type<{ muted: boolean } | null>().default(null),
  settings: json("settings").default({ theme: "light" }),
});

export const uploads = mysqlTable("uploads", {
  id: varchar("id", { length: 15 }).primaryKey(),
  uploaded: bigint("uploaded", { mode: "number", unsigned: true }).notNull().default(0),
  total: bigint("total", { mode: "number", unsigned: true }).notNull().default(0),
});
