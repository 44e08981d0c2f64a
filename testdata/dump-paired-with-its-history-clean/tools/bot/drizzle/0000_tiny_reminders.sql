CREATE TABLE IF NOT EXISTS "reminders" (
	"id" serial PRIMARY KEY NOT NULL,
	"chat_user" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
