CREATE TABLE `clicks` (
	`id` int AUTO_INCREMENT NOT NULL,
	`link_id` varchar(15) NOT NULL,
	`visitor_id` char(12) NOT NULL,
	`at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT `clicks_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `clicks` ADD CONSTRAINT `clicks_link_id_links_id_fk` FOREIGN KEY (`link_id`) REFERENCES `links`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `clicks_link_id_idx` ON `clicks` (`link_id`);
