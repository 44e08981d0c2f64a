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

export const requestStatus = pgEnum("request_status", ["draft", "submitted", "failed"]); // expect: enum-values-mismatch

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
    requestIdIdx: index("idx_requests_request_id").on(table.requestId), // expect: index-missing-from-database
    createdAtIdx: index("idx_requests_created_at").on(table.createdAt),
    statusIdx: index("idx_requests_status").on(table.status),
    mineGroupIdx: index("idx_requests_mine_group").on(table.mineGroup), // expect: index-missing-from-database
    mineNameIdx: index("idx_requests_mine_name").on(table.mineName), // expect: index-missing-from-database
    salespersonIdx: index("idx_requests_salesperson").on(table.salesperson), // expect: index-missing-from-database
    lineItemsGinIdx: index("idx_requests_line_items_gin").using("gin", table.lineItems),
    contactGinIdx: index("idx_requests_contact_gin").using("gin", table.contact), // expect: index-missing-from-database
  }),
);

// Kept for local development; dropped from production long ago.
export const mockRequests = pgTable("mock_requests", { // expect: table-missing-from-database
  id: uuid("id").primaryKey().defaultRandom(),
  payload: jsonb("payload").notNull(),
  status: requestStatus("status").notNull().default("draft"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const siteVisits = pgTable(
  "site_visits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    date: date("date").notNull(),
    salesperson: text("salesperson").notNull(),
    purpose: text("purpose").notNull(),
    availability: text("availability"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).defaultNow(), // expect: column-default-mismatch
  },
  (table) => ({
    dateIdx: index("idx_site_visits_date").on(table.date), // expect: index-missing-from-database
    salespersonIdx: index("idx_site_visits_salesperson").on(table.salesperson), // expect: index-missing-from-database
    createdAtIdx: index("idx_site_visits_created_at").on(table.createdAt), // expect: index-missing-from-database
  }),
);

export const pipedriveSubmissions = pgTable(
  "pipedrive_submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id").notNull(), // expect: id-column-without-foreign-key@info
    simulatedDealId: integer("simulated_deal_id").notNull(), // expect: column-nullability-mismatch
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => ({
    requestIdIdx: index("idx_pipedrive_submissions_request_id").on(table.requestId),
    simulatedDealIdIdx: index("idx_pipedrive_submissions_simulated_deal_id").on(table.simulatedDealId),
  }),
);

export const pipedriveDealFlowData = pgTable(
  "pipedrive_deal_flow_data", // expect: column-missing-from-models, column-missing-from-models, column-missing-from-models
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    dealId: bigint("deal_id", { mode: "number" }).notNull(),
    stageId: bigint("stage_id", { mode: "number" }).notNull(),
    eventId: text("event_id").notNull(), // expect: column-missing-from-database
    timestamp: timestamp("timestamp", { withTimezone: true }).notNull(), // expect: column-missing-from-database
    leftAt: timestamp("left_at", { withTimezone: true }),
    durationSeconds: integer("duration_seconds"),
  },
  (table) => ({
    dealIdIdx: index("idx_pipedrive_deal_flow_data_deal_id").on(table.dealId), // expect: index-missing-from-database
    stageIdIdx: index("idx_pipedrive_deal_flow_data_stage_id").on(table.stageId), // expect: index-missing-from-database
    timestampIdx: index("idx_pipedrive_deal_flow_data_timestamp").on(table.timestamp), // expect: index-missing-from-database
  }),
);

export const pipedriveMetricData = pgTable(
  "pipedrive_metric_data", // expect: column-missing-from-models, column-missing-from-models, column-missing-from-models, column-missing-from-models, column-missing-from-models, column-missing-from-models
  {
    id: uuid("id").primaryKey().defaultRandom(), // expect: column-type-mismatch, column-default-mismatch
    dealId: integer("deal_id").notNull(), // expect: column-missing-from-database, inconsistent-key-column-type
    metricKey: text("metric_key").notNull(), // expect: column-missing-from-database
    startStageId: integer("start_stage_id"), // expect: column-missing-from-database, inconsistent-key-column-type
    endStageId: integer("end_stage_id"), // expect: column-missing-from-database, inconsistent-key-column-type
    startTimestamp: timestamp("start_timestamp"), // expect: column-missing-from-database
    endTimestamp: timestamp("end_timestamp"), // expect: column-missing-from-database
    durationDays: integer("duration_days"), // expect: column-missing-from-database
    createdAt: timestamp("created_at").defaultNow(), // expect: column-missing-from-database
  },
  (table) => ({
    dealIdIdx: index("idx_pipedrive_metric_data_deal_id").on(table.dealId), // expect: index-missing-from-database
    metricKeyIdx: index("idx_pipedrive_metric_data_metric_key").on(table.metricKey), // expect: index-missing-from-database
  }),
);

export const flowMetricsConfig = pgTable(
  "flow_metrics_config",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    metricKey: text("metric_key").notNull().unique(),
    label: text("label").notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
    isActive: boolean("is_active").notNull().default(true),
    warningThresholdDays: integer("warning_threshold_days"),
    criticalThresholdDays: integer("critical_threshold_days"),
  },
  (table) => ({
    metricKeyIdx: index("idx_fmc_metric_key").on(table.metricKey), // expect: index-missing-from-database
    sortOrderIdx: index("idx_fmc_sort_order").on(table.sortOrder), // expect: index-missing-from-database
    isActiveIdx: index("idx_fmc_is_active").on(table.isActive), // expect: index-missing-from-database
  }),
);

export const canonicalStageMappings = pgTable(
  "canonical_stage_mappings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    metricConfigId: uuid("metric_config_id").notNull(), // expect: foreign-key-missing-from-models
    canonicalStage: text("canonical_stage").notNull(),
    startStage: text("start_stage"),
    endStage: text("end_stage"),
    startStageId: bigint("start_stage_id", { mode: "number" }),
    endStageId: bigint("end_stage_id", { mode: "number" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => ({
    canonicalStageIdx: index("idx_csm_canonical_stage").on(table.canonicalStage), // expect: index-missing-from-database
    startStageIdx: index("idx_csm_start_stage").on(table.startStage), // expect: index-missing-from-database
    endStageIdx: index("idx_csm_end_stage").on(table.endStage), // expect: index-missing-from-database
    startStageIdIdx: index("idx_csm_start_stage_id").on(table.startStageId), // expect: index-missing-from-database
    endStageIdIdx: index("idx_csm_end_stage_id").on(table.endStageId), // expect: index-missing-from-database
    metricConfigIdIdx: index("idx_csm_metric_config_id").on(table.metricConfigId), // expect: index-missing-from-database
  }),
);

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

export const kvCache = pgTable("kv_cache", { // expect: table-missing-from-database
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }),
});

// The legacy runner's tracker, declared so drizzle-kit leaves it alone.
export const schemaMigrations = pgTable("schema_migrations", {
  version: bigint("version", { mode: "number" }).primaryKey(),
  dirty: boolean("dirty").notNull().default(false),
});
