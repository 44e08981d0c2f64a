CREATE TABLE IF NOT EXISTS "webhooks" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" varchar(36) NOT NULL,
	"url" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "tenant_id" integer;
