ALTER TABLE `messages` ADD `mailed_at` integer;--> statement-breakpoint
CREATE INDEX `messages_created` ON `messages` (`created_at`);--> statement-breakpoint
ALTER TABLE `tickets` ADD `customer_seen_at` integer;--> statement-breakpoint
CREATE INDEX `tickets_desk_user` ON `tickets` (`desk_id`,`user_id`);