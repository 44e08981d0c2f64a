import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Every column passes its own name, so no casing setting changes what is queried.
export const invoices = pgTable("invoices", {
  id: uuid("id").primaryKey(),
  customerName: text("customer_name").notNull(),
  issuedAt: timestamp("issued_at").notNull(),
});
