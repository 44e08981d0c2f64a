import { relations, sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

export const requestStatus = pgEnum("request_status", ["draft", "submitted", "approved", "rejected"]);

export const requests = pgTable(
  "requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: text("request_id").notNull().unique(),
    status: requestStatus("status").notNull().default("draft"),
    mineGroup: text("mine_group"),
    mineName: text("mine_name"),
    salesperson: text("salesperson").notNull(),
    lineItems: jsonb("line_items").notNull().default(sql`'[]'::jsonb`),
    contact: jsonb("contact"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => ({
    createdAtIdx: index("idx_requests_created_at").on(table.createdAt),
    statusIdx: index("idx_requests_status").on(table.status),
    lineItemsGinIdx: index("idx_requests_line_items_gin").using("gin", table.lineItems),
  }),
);

export const siteVisits = pgTable("site_visits", {
  id: uuid("id").primaryKey().defaultRandom(),
  date: date("date").notNull(),
  salesperson: text("salesperson").notNull(),
  purpose: text("purpose").notNull(),
  availability: text("availability"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }),
});

export const pipedriveSubmissions = pgTable(
  "pipedrive_submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => requests.id),
    simulatedDealId: integer("simulated_deal_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => ({
    requestIdIdx: index("idx_pipedrive_submissions_request_id").on(table.requestId),
    simulatedDealIdIdx: index("idx_pipedrive_submissions_simulated_deal_id").on(table.simulatedDealId),
  }),
);

export const pipedriveDealFlowData = pgTable("pipedrive_deal_flow_data", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
  dealId: bigint("deal_id", { mode: "number" }).notNull(),
  pipelineId: bigint("pipeline_id", { mode: "number" }).notNull(),
  stageId: bigint("stage_id", { mode: "number" }).notNull(),
  pipedriveEventId: bigint("pipedrive_event_id", { mode: "number" }).notNull(),
  enteredAt: timestamp("entered_at", { withTimezone: true }).notNull(),
  leftAt: timestamp("left_at", { withTimezone: true }),
  durationSeconds: integer("duration_seconds"),
});

export const pipedriveMetricData = pgTable("pipedrive_metric_data", {
  id: bigint("id", { mode: "number" }).primaryKey(),
  title: text("title").notNull(),
  pipelineId: bigint("pipeline_id", { mode: "number" }).notNull(),
  stageId: bigint("stage_id", { mode: "number" }).notNull(),
  status: text("status").notNull(),
  firstFetchedAt: timestamp("first_fetched_at", { withTimezone: true }).defaultNow(),
  lastFetchedAt: timestamp("last_fetched_at", { withTimezone: true }).defaultNow(),
});

export const flowMetricsConfig = pgTable("flow_metrics_config", {
  id: uuid("id").primaryKey().defaultRandom(),
  metricKey: text("metric_key").notNull().unique(),
  label: text("label").notNull(),
  sortOrder: integer("sort_order").notNull().default(0),
  isActive: boolean("is_active").notNull().default(true),
  warningThresholdDays: integer("warning_threshold_days"),
  criticalThresholdDays: integer("critical_threshold_days"),
});

export const canonicalStageMappings = pgTable("canonical_stage_mappings", {
  id: uuid("id").primaryKey().defaultRandom(),
  metricConfigId: uuid("metric_config_id")
    .notNull()
    .references(() => flowMetricsConfig.id, { onDelete: "cascade" }),
  canonicalStage: text("canonical_stage").notNull(),
  startStage: text("start_stage"),
  endStage: text("end_stage"),
  startStageId: bigint("start_stage_id", { mode: "number" }),
  endStageId: bigint("end_stage_id", { mode: "number" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const canonicalStageMappingsRelations = relations(canonicalStageMappings, ({ one }) => ({
  metricConfig: one(flowMetricsConfig, {
    fields: [canonicalStageMappings.metricConfigId],
    references: [flowMetricsConfig.id],
  }),
}));

export const flowMetrics = pgTable("flow_metrics", {
  id: uuid("id").primaryKey().defaultRandom(),
  metricConfigId: uuid("metric_config_id")
    .notNull()
    .references(() => flowMetricsConfig.id),
  dealId: bigint("deal_id", { mode: "number" }).notNull(),
  valueDays: numeric("value_days", { precision: 10, scale: 2 }),
  computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
});

// The legacy runner's tracker, declared so drizzle-kit leaves it alone.
export const schemaMigrations = pgTable("schema_migrations", {
  version: bigint("version", { mode: "number" }).primaryKey(),
  dirty: boolean("dirty").notNull().default(false),
});
