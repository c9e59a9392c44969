ALTER TABLE `tickets` ADD `customer_seen_at` integer;--> statement-breakpoint
CREATE INDEX `tickets_desk_user` ON `tickets` (`desk_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `messages_created` ON `messages` (`created_at`);