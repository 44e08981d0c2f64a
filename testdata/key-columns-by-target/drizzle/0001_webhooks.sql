CREATE TABLE IF NOT EXISTS "webhooks" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" varchar(36) NOT NULL,
	"url" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "tenant_id" integer;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "traces" (
	"id" serial PRIMARY KEY NOT NULL,
	"trace_id" varchar(32) NOT NULL,
	CONSTRAINT "traces_trace_id_unique" UNIQUE("trace_id")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "spans" (
	"id" serial PRIMARY KEY NOT NULL,
	"trace_rowid" integer NOT NULL REFERENCES "traces"("id")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "experiment_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"trace_id" varchar(32)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "vendors" (
	"id" serial PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "payouts" (
	"id" serial PRIMARY KEY NOT NULL,
	"vendor_id" varchar(64) NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "usage_ledger" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "customers" (
	"customer_id" serial PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "subscriptions" (
	"id" serial PRIMARY KEY NOT NULL,
	"customer_id" integer REFERENCES "customers"("customer_id")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "payments" (
	"id" serial PRIMARY KEY NOT NULL,
	"customer_id" varchar(36)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "usage_exports" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL
);
