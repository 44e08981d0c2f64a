CREATE TABLE `users` (
	`id` varchar(15) NOT NULL,
	`preferences` json DEFAULT ('null'),
	`settings` json DEFAULT ('{"theme":"light"}'),
	CONSTRAINT `users_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `uploads` (
	`id` varchar(15) NOT NULL,
	`uploaded` bigint unsigned NOT NULL DEFAULT 0,
	`total` bigint unsigned NOT NULL DEFAULT 0,
	CONSTRAINT `uploads_id` PRIMARY KEY(`id`)
);
