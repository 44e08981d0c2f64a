CREATE TABLE `project` (
	`id` char(24) NOT NULL,
	`workspace_id` char(24) NOT NULL,
	`time_created` timestamp NOT NULL DEFAULT (now()),
	`name` varchar(255) NOT NULL,
	CONSTRAINT `project_workspace_id_id_pk` PRIMARY KEY(`workspace_id`,`id`)
);
