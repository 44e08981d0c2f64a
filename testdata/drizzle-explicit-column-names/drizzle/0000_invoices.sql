CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_name" text NOT NULL,
	"issued_at" timestamp NOT NULL
);
