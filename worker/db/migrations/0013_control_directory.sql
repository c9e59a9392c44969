CREATE TABLE `desk_databases` (
	`desk_id` text PRIMARY KEY NOT NULL,
	`database` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `directory_entries` (
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`desk_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`kind`, `key`)
);
--> statement-breakpoint
CREATE INDEX `directory_entries_desk` ON `directory_entries` (`desk_id`);