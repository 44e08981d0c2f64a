CREATE TABLE "players" (
	"id" serial PRIMARY KEY,
	"name" text NOT NULL,
	"joined_at" timestamp DEFAULT now() NOT NULL
);
