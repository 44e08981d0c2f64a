CREATE TABLE "profiles" (
	"id" serial PRIMARY KEY NOT NULL,
	"handle" varchar(40) NOT NULL,
	CONSTRAINT "profiles_handle_unique" UNIQUE("handle")
);
