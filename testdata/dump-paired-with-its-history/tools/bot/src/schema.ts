import { pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";

// The stand-up bot keeps its own small database: who was reminded, and when.
export const reminders = pgTable("reminders", {
  id: serial("id").primaryKey(),
  chatUser: text("chat_user").notNull(),
  sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
});
