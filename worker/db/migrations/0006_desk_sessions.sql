CREATE TABLE `desk_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`id_hash` text NOT NULL,
	`agent_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`idle_expires_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `desk_sessions_id_hash_unique` ON `desk_sessions` (`id_hash`);--> statement-breakpoint
CREATE INDEX `desk_sessions_agent` ON `desk_sessions` (`agent_id`);--> statement-breakpoint
CREATE TABLE `desk_sign_in_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`agent_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `desk_sign_in_tokens_agent` ON `desk_sign_in_tokens` (`agent_id`);--> statement-breakpoint
CREATE INDEX `tickets_desk_customer_replied` ON `tickets` (`desk_id`,`first_response_due_at`,`id`) WHERE waiting_on = 'us' and first_response_at is not null;