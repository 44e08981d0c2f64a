CREATE TABLE `links` (
	`id` varchar(15) NOT NULL,
	`slug` varchar(50) NOT NULL,
	`target` varchar(2048) NOT NULL,
	`created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT `links_id` PRIMARY KEY(`id`),
	CONSTRAINT `links_slug_unique` UNIQUE(`slug`)
);
