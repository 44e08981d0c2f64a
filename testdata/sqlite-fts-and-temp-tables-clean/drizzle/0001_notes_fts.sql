-- Custom SQL migration file (drizzle-kit generate --custom): the search index.
CREATE VIRTUAL TABLE `notes_fts` USING fts5(`title`, `body`, `note_id` UNINDEXED, tokenize='porter');
--> statement-breakpoint
INSERT INTO `notes_fts` (`rowid`, `title`, `body`, `note_id`) SELECT `id`, `title`, `body`, `id` FROM `notes`;
