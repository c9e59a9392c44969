CREATE TABLE `sla_breaches` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`desk_id` text NOT NULL,
	`organisation_id` text,
	`kind` text NOT NULL,
	`cycle` integer NOT NULL,
	`severity` integer NOT NULL,
	`business_minutes` integer NOT NULL,
	`due_at` integer NOT NULL,
	`breached_at` integer NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sla_breaches_once` ON `sla_breaches` (`ticket_id`,`kind`,`cycle`);--> statement-breakpoint
CREATE INDEX `sla_breaches_desk` ON `sla_breaches` (`desk_id`,`breached_at`);--> statement-breakpoint
CREATE TABLE `ticket_patch_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`request_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ticket_patch_keys_once` ON `ticket_patch_keys` (`ticket_id`,`idempotency_key`);--> statement-breakpoint
ALTER TABLE `tickets` ADD `guide_version` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `coverage_version` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `policy_targets` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `personal_data` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `tickets` ADD `notification_deadline_at` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `tickets` ADD `clock_check_at` integer;--> statement-breakpoint
CREATE INDEX `tickets_clock_check` ON `tickets` (`clock_check_at`);--> statement-breakpoint
CREATE TRIGGER `sla_breaches_no_update` BEFORE UPDATE ON `sla_breaches` BEGIN SELECT RAISE(ABORT, 'sla_breaches rows are facts: never updated'); END;--> statement-breakpoint
CREATE TRIGGER `sla_breaches_no_delete` BEFORE DELETE ON `sla_breaches` BEGIN SELECT RAISE(ABORT, 'sla_breaches rows are facts: never deleted'); END;--> statement-breakpoint
UPDATE `tickets` SET `clock_check_at` = `first_response_due_at` WHERE `status` IN ('new', 'open', 'pending');
