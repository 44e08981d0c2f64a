CREATE TABLE "cards" (
	"id" serial PRIMARY KEY,
	"board_id" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_board_id_boards_id_fkey" FOREIGN KEY ("board_id") REFERENCES "boards"("id");
