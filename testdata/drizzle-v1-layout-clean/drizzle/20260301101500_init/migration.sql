CREATE TABLE "players" (
	"id" serial PRIMARY KEY,
	"name" text NOT NULL,
	"age" integer,
	"joined_at" timestamp DEFAULT now() NOT NULL
);
