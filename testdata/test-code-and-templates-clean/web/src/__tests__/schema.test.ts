import { pgTable, serial, text } from "drizzle-orm/pg-core";

export const throwaway = pgTable("throwaway", {
  id: serial("id").primaryKey(),
  note: text("note"),
});
