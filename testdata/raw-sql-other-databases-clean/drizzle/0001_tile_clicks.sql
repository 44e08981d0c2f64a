CREATE TABLE IF NOT EXISTS "tile_clicks" (
	"id" serial PRIMARY KEY NOT NULL,
	"tile_id" integer NOT NULL,
	"clicked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tile_clicks" ADD CONSTRAINT "tile_clicks_tile_id_tiles_id_fk" FOREIGN KEY ("tile_id") REFERENCES "public"."tiles"("id") ON DELETE cascade ON UPDATE no action;
