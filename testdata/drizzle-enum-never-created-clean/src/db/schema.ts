import { pgEnum, pgTable, serial, text } from "drizzle-orm/pg-core";

export const ticketState = pgEnum("ticket_state", ["open", "closed"]);

export const tickets = pgTable("tickets", {
  id: serial("id").primaryKey(),
  title: text("title").notNull(),
  state: ticketState("state").notNull(),
});

export const ticketEvents = pgTable("ticket_events", {
  id: serial("id").primaryKey(),
  fromState: ticketState("from_state"),
  toState: ticketState("to_state").notNull(),
});
