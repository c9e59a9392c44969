CREATE TABLE `conversation_links` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversation_links_token_hash_unique` ON `conversation_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `conversation_links_ticket` ON `conversation_links` (`ticket_id`);