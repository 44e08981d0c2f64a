import { pgTable, text, integer, real, jsonb, timestamp, index } from "drizzle-orm/pg-core";

export const user = pgTable("user", {
  id: text("id").primaryKey(),
  age: integer("age"),
  username: text("username").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
});

export const session = pgTable("session", {
  id: text("id").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => user.id),
  expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
});

export const project = pgTable("project", {
  id: text("id").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => user.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  description: text("description"),
  createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
});

// Meetings feature: added in the meetings branch.

export const meeting = pgTable(
  "meeting", // expect: table-name-plural-mismatch
  {
    id: text("id").primaryKey(),
    userId: text("userId") // expect: column-name-case-mismatch
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    projectId: text("projectId").references(() => project.id, { onDelete: "set null" }), // expect: column-name-case-mismatch
    title: text("title").notNull(),
    startTime: timestamp("startTime", { withTimezone: true }).notNull(), // expect: column-name-case-mismatch
    endTime: timestamp("endTime", { withTimezone: true }), // expect: column-name-case-mismatch
    status: text("status").notNull().default("scheduled"),
    createdAt: timestamp("createdAt", { withTimezone: true }).defaultNow().notNull(), // expect: column-name-case-mismatch
  },
  (t) => [
    index("meetings_user_id_idx").on(t.userId),
    index("meetings_start_time_idx").on(t.startTime),
  ],
);

export const meetingTranscript = pgTable(
  "meeting_transcript", // expect: table-name-plural-mismatch
  {
    id: text("id").primaryKey(),
    meetingId: text("meetingId") // expect: column-name-case-mismatch
      .notNull()
      .references(() => meeting.id, { onDelete: "cascade" }),
    content: text("content").notNull(),
    speakerLabels: jsonb("speakerLabels"), // expect: column-name-case-mismatch
    createdAt: timestamp("createdAt", { withTimezone: true }).defaultNow().notNull(), // expect: column-name-case-mismatch
  },
  (t) => [index("meeting_transcripts_meeting_id_idx").on(t.meetingId)],
);

export const meetingInsight = pgTable("meeting_insight", { // expect: table-name-plural-mismatch
  id: text("id").primaryKey(),
  meetingId: text("meetingId") // expect: column-name-case-mismatch
    .notNull()
    .references(() => meeting.id, { onDelete: "cascade" }),
  type: text("type").notNull(),
  content: text("content").notNull(),
  confidence: real("confidence"),
  createdAt: timestamp("createdAt", { withTimezone: true }).defaultNow().notNull(), // expect: column-name-case-mismatch
});

export const clientProfile = pgTable("client_profile", { // expect: table-name-plural-mismatch
  id: text("id").primaryKey(),
  userId: text("userId") // expect: column-name-case-mismatch
    .notNull()
    .references(() => user.id, { onDelete: "cascade" }),
  projectId: text("projectId").references(() => project.id, { onDelete: "set null" }), // expect: column-name-case-mismatch
  name: text("name").notNull(),
  company: text("company"),
  email: text("email"),
  notes: text("notes"),
  createdAt: timestamp("createdAt", { withTimezone: true }).defaultNow().notNull(), // expect: column-name-case-mismatch
  updatedAt: timestamp("updatedAt", { withTimezone: true }).defaultNow().notNull(), // expect: column-name-case-mismatch
});

export const clientInteraction = pgTable(
  "client_interaction", // expect: table-name-plural-mismatch
  {
    id: text("id").primaryKey(),
    clientProfileId: text("clientProfileId") // expect: column-name-case-mismatch
      .notNull()
      .references(() => clientProfile.id, { onDelete: "cascade" }),
    meetingId: text("meetingId").references(() => meeting.id, { onDelete: "set null" }), // expect: column-name-case-mismatch
    interactionType: text("interactionType").notNull(), // expect: column-name-case-mismatch
    summary: text("summary"),
    occurredAt: timestamp("occurredAt", { withTimezone: true }).notNull(), // expect: column-name-case-mismatch
  },
  (t) => [index("client_interactions_client_profile_id_idx").on(t.clientProfileId)],
);
