ALTER TABLE `desks` ADD `webhook_secret_previous` text;--> statement-breakpoint
ALTER TABLE `desks` ADD `webhook_secret_previous_until` integer;