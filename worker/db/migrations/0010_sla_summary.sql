DROP INDEX `tickets_desk_due`;--> statement-breakpoint
DROP INDEX `tickets_desk_assignee_due`;--> statement-breakpoint
DROP INDEX `tickets_organisation_due`;--> statement-breakpoint
DROP INDEX `tickets_desk_customer_replied`;--> statement-breakpoint
ALTER TABLE `tickets` ADD `sla_clock` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `sla_due_at` integer DEFAULT 8640000000000000 NOT NULL;--> statement-breakpoint
ALTER TABLE `tickets` ADD `sla_at_risk_at` integer DEFAULT 8640000000000000 NOT NULL;--> statement-breakpoint
ALTER TABLE `tickets` ADD `sla_rest` text DEFAULT 'met' NOT NULL;--> statement-breakpoint
-- Backfill: an open, unanswered ticket's first-response clock decides (as the state was read before);
-- otherwise nothing runs until the cron replays it, so open answered tickets are queued for a replay
-- (their next-response or resolution clock may run or be paused).
UPDATE `tickets` SET
  `sla_clock` = CASE WHEN `first_response_at` IS NULL AND `status` IN ('new', 'open', 'pending') THEN 'first_response' END,
  `sla_due_at` = CASE WHEN `first_response_at` IS NULL AND `status` IN ('new', 'open', 'pending') THEN `first_response_due_at` ELSE 8640000000000000 END,
  `sla_at_risk_at` = CASE WHEN `first_response_at` IS NULL AND `status` IN ('new', 'open', 'pending') THEN `at_risk_at` ELSE 8640000000000000 END,
  `sla_rest` = CASE WHEN `first_response_at` > `first_response_due_at` OR EXISTS (SELECT 1 FROM `sla_breaches` b WHERE b.`ticket_id` = `tickets`.`id`) THEN 'breached' ELSE 'met' END,
  `clock_check_at` = CASE WHEN `first_response_at` IS NOT NULL AND `status` IN ('new', 'open', 'pending') THEN coalesce(min(`clock_check_at`, `updated_at`), `updated_at`) ELSE `clock_check_at` END;--> statement-breakpoint
CREATE INDEX `tickets_sla_announce` ON `tickets` (`sla_at_risk_at`) WHERE sla_notified <> 'breached';--> statement-breakpoint
CREATE INDEX `tickets_desk_due` ON `tickets` (`desk_id`,`sla_due_at`,`id`);--> statement-breakpoint
CREATE INDEX `tickets_desk_assignee_due` ON `tickets` (`desk_id`,`assignee_id`,`sla_due_at`,`id`);--> statement-breakpoint
CREATE INDEX `tickets_organisation_due` ON `tickets` (`organisation_id`,`sla_due_at`,`id`);--> statement-breakpoint
CREATE INDEX `tickets_desk_customer_replied` ON `tickets` (`desk_id`,`sla_due_at`,`id`) WHERE waiting_on = 'us' and first_response_at is not null;