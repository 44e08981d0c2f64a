CREATE TABLE `user` (
	`id` char(30) NOT NULL,
	`time_created` timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`time_updated` timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
	`email` varchar(255) NOT NULL,
	CONSTRAINT `user_id` PRIMARY KEY(`id`),
	CONSTRAINT `user_email` UNIQUE(`email`)
);
--> statement-breakpoint
CREATE TABLE `card` (
	`id` char(30) NOT NULL,
	`time_created` timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`time_updated` timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
	`user_id` char(30) NOT NULL,
	`brand` varchar(32) NOT NULL,
	`last4` varchar(4) NOT NULL,
	CONSTRAINT `card_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `card` ADD CONSTRAINT `card_user_id_user_id_fk` FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON DELETE no action ON UPDATE no action;
