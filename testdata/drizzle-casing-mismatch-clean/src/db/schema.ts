import { boolean, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const invoices = pgTable("invoices", {
  id: uuid().primaryKey().defaultRandom(),
  customerName: text().notNull(),
  isPaid: boolean().notNull().default(false),
  issuedAt: timestamp({ withTimezone: true }).defaultNow().notNull(),
});
