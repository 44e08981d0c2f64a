import { pgTable, serial, text, timestamp, varchar } from "drizzle-orm/pg-core";
import { columnFor } from "@acme/schema-kit";

const TENANT = process.env.TENANT ?? "acme";
const NAME_LENGTH = Number(process.env.NAME_LENGTH ?? 120);

export const events = pgTable(`${TENANT}_events`, { // expect: construct-not-understood
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
});

export const venues = pgTable("venues", {
  id: serial("id").primaryKey(),
  name: varchar("name", { length: NAME_LENGTH }).notNull(), // expect: construct-not-understood
  location: columnFor("point")("location"), // expect: construct-not-understood
  openedAt: timestamp("opened_at").default(new Date()), // expect: construct-not-understood
});
