CREATE TABLE "boards" (
	"id" serial PRIMARY KEY,
	"title" text NOT NULL
);
