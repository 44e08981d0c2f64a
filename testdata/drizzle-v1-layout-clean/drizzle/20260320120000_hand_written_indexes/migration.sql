-- Written by hand: no snapshot beside it, and drizzle-kit still applies it.
CREATE INDEX "players_team_idx" ON "players" USING btree ("team_id");
--> statement-breakpoint
ALTER TABLE IF EXISTS "legacy_scores" DROP CONSTRAINT IF EXISTS "legacy_scores_player_id_fkey";
