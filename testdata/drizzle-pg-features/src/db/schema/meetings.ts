import {
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgSchema,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { id, timestamps } from "../columns";
import { users } from "./users";

export const meetingStatus = pgEnum("meeting_status", ["scheduled", "live", "ended"]);

export const meetings = pgTable(
  "meetings",
  {
    id: id(),
    // The column predates the snake_case convention.
    userId: uuid("userId")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text().notNull(),
    status: meetingStatus().notNull().default("scheduled"),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    durationMinutes: integer().default(30),
    tags: text().array().notNull().default([]),
    settings: jsonb().$type<{ recording: boolean }>().default({}),
    deletedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index("meetings_user_idx").on(t.userId),
    index("meetings_starts_at_idx").on(t.startsAt.desc()).where(sql`${t.deletedAt} is null`),
    index("meetings_settings_idx").using("gin", t.settings),
    check("meetings_duration_check", sql`${t.durationMinutes} > 0`),
  ],
);

export const meetingParticipants = pgTable(
  "meeting_participants",
  {
    meetingId: uuid()
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    userId: uuid().notNull().references(() => users.id),
    joinedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.userId] }),
    unique("meeting_participants_joined_key").on(t.meetingId, t.joinedAt),
  ],
);

export const analytics = pgSchema("analytics");

export const meetingEvents = analytics.table("meeting_events", {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  meetingId: uuid().references(() => meetings.id),
  kind: text().notNull(),
  payload: jsonb(),
  recordedAt: timestamp({ withTimezone: true }).defaultNow(),
});
