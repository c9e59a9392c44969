CREATE TABLE `dead_letters` (
	`id` text PRIMARY KEY NOT NULL,
	`desk_id` text,
	`ticket_id` text,
	`kind` text NOT NULL,
	`ref` text,
	`body` text NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dead_letters_desk` ON `dead_letters` (`desk_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `delivery_keys` (
	`key` text PRIMARY KEY NOT NULL,
	`desk_id` text NOT NULL,
	`ticket_id` text,
	`kind` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`body` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`lease_until` integer NOT NULL,
	`last_error` text,
	`message_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `delivery_keys_lease` ON `delivery_keys` (`status`,`lease_until`);--> statement-breakpoint
ALTER TABLE `webhook_deliveries` ADD `queued_until` integer;