CREATE TABLE `usage` (
	`workspace_id` char(24) NOT NULL,
	`id` char(24) NOT NULL,
	`invocations` bigint NOT NULL,
	`payload` longtext,
	CONSTRAINT `usage_workspace_id_id_pk` PRIMARY KEY(`workspace_id`,`id`)
);
