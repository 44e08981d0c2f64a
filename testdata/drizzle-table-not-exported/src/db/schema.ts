import { pgTable, serial, text, timestamp, integer, jsonb } from "drizzle-orm/pg-core";

export const accounts = pgTable("accounts", {
  id: serial("id").primaryKey(),
  email: text("email").notNull().unique(),
  createdAt: timestamp("created_at").defaultNow().notNull(),
});

// Written by the audit middleware; declared here so queries are typed.
const auditLog = pgTable("audit_log", { // expect: table-not-exported
  id: serial("id").primaryKey(),
  accountId: integer("account_id").references(() => accounts.id),
  action: text("action").notNull(),
  details: jsonb("details"),
  at: timestamp("at").defaultNow().notNull(),
});

export async function recordAudit(db: any, accountId: number, action: string) {
  await db.insert(auditLog).values({ accountId, action });
}
