import {
  boolean,
  datetime,
  decimal,
  index,
  int,
  json,
  mysqlEnum,
  mysqlTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from "drizzle-orm/mysql-core";
import { sql } from "drizzle-orm";

export const customers = mysqlTable(
  "customers",
  {
    id: serial("id").primaryKey(),
    email: varchar("email", { length: 191 }).notNull(),
    name: varchar("name", { length: 120 }).notNull(),
    marketingOptIn: boolean("marketing_opt_in").notNull().default(false),
    createdAt: timestamp("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("customers_email_idx").on(t.email)],
);

export const orders = mysqlTable(
  "orders",
  {
    id: serial("id").primaryKey(),
    customerId: int("customer_id", { unsigned: true })
      .notNull()
      .references(() => customers.id, { onDelete: "restrict" }),
    status: mysqlEnum("status", ["pending", "paid", "shipped", "cancelled"])
      .notNull()
      .default("pending"),
    total: decimal("total", { precision: 10, scale: 2 }).notNull(),
    currency: varchar("currency", { length: 3 }).notNull().default("EUR"),
    notes: text("notes"),
    shippingAddress: json("shipping_address").$type<{ line1: string; city: string }>(),
    placedAt: datetime("placed_at", { fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (t) => ({
    customerIdx: index("orders_customer_idx").on(t.customerId),
    statusIdx: index("orders_status_placed_idx").on(t.status, t.placedAt),
  }),
);
