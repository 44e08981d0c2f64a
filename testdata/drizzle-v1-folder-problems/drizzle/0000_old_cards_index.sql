CREATE INDEX "cards_board_idx" ON "cards" USING btree ("board_id");
