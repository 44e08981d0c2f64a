import { integer, pgTable, serial, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";

export const tenant = pgTable("tenant", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
});

export const accounts = pgTable("accounts", {
  id: serial("id").primaryKey(),
  email: varchar("email", { length: 320 }).notNull().unique(),
});

export const documents = pgTable("documents", {
  id: uuid("id").primaryKey().defaultRandom(),
  accountId: integer("account_id").notNull().references(() => accounts.id),
  title: text("title").notNull(),
});

export const invoices = pgTable("invoices", {
  id: serial("id").primaryKey(),
  accountId: integer("account_id").notNull().references(() => accounts.id),
  totalCents: integer("total_cents").notNull(),
  tenantId: integer("tenant_id"),  // expect: id-column-without-foreign-key@info
});

// Comments hang off documents; audit entries off invoices: `ref_id` follows its target's key.
export const comments = pgTable("comments", {
  id: serial("id").primaryKey(),
  refId: uuid("ref_id").notNull().references(() => documents.id, { onDelete: "cascade" }),
  accountId: integer("account_id").notNull().references(() => accounts.id),
  body: text("body").notNull(),
});

export const auditEntries = pgTable("audit_entries", {
  id: serial("id").primaryKey(),
  refId: integer("ref_id").notNull().references(() => invoices.id, { onDelete: "cascade" }),
  action: text("action").notNull(),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
});

export const webhooks = pgTable("webhooks", {
  id: serial("id").primaryKey(),
  accountId: varchar("account_id", { length: 36 }).notNull(),  // expect: id-column-without-foreign-key@warning, inconsistent-key-column-type@warning
  url: text("url").notNull(),
});

// `trace_id` names the natural key `traces.trace_id`, held without a foreign key on purpose;
// `vendor_id` holds the vendor's own id: nothing in the repository keys `vendors`.
export const traces = pgTable("traces", {
  id: serial("id").primaryKey(),
  traceId: varchar("trace_id", { length: 32 }).notNull().unique(),
});

export const spans = pgTable("spans", {
  id: serial("id").primaryKey(),
  traceRowid: integer("trace_rowid").notNull().references(() => traces.id),
});

export const experimentRuns = pgTable("experiment_runs", {
  id: serial("id").primaryKey(),
  traceId: varchar("trace_id", { length: 32 }),  // expect: id-column-without-foreign-key@info
});

export const vendors = pgTable("vendors", {
  id: serial("id").primaryKey(),
});

export const payouts = pgTable("payouts", {
  id: serial("id").primaryKey(),
  vendorId: varchar("vendor_id", { length: 64 }).notNull(),  // expect: id-column-without-foreign-key@info, inconsistent-key-column-type@info
});

// A ledger keeps ids of accounts that may be gone, with '' for "no account".
export const usageLedger = pgTable("usage_ledger", {
  id: serial("id").primaryKey(),
  accountId: text("account_id").notNull().default(""),  // expect: id-column-without-foreign-key@info
});

export const usageExports = pgTable("usage_exports", {
  id: serial("id").primaryKey(),
  accountId: text("account_id").notNull().$defaultFn(() => ""),  // expect: id-column-without-foreign-key@info
});

// A primary key named after its table: `payments.customer_id` references it by that name.
export const customers = pgTable("customers", {
  customerId: serial("customer_id").primaryKey(),
});

export const subscriptions = pgTable("subscriptions", {
  id: serial("id").primaryKey(),
  customerId: integer("customer_id").references(() => customers.customerId),
});

export const payments = pgTable("payments", {
  id: serial("id").primaryKey(),
  customerId: varchar("customer_id", { length: 36 }),  // expect: id-column-without-foreign-key@warning, inconsistent-key-column-type@warning
});
