ALTER TABLE `notes` ADD `slug` text;
--> statement-breakpoint
-- Backfill through a scratch table that lives only as long as this migration's connection.
CREATE TEMP TABLE `slug_backfill` AS
	SELECT `id`, lower(replace(trim(`title`), ' ', '-')) || '-' || `id` AS `slug` FROM `notes`;
--> statement-breakpoint
UPDATE `notes` SET `slug` = (SELECT `slug` FROM `slug_backfill` WHERE `slug_backfill`.`id` = `notes`.`id`);
--> statement-breakpoint
DROP TABLE `slug_backfill`;
--> statement-breakpoint
CREATE UNIQUE INDEX `notes_slug_unique` ON `notes` (`slug`);
