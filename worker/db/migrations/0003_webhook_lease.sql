ALTER TABLE `webhook_deliveries` ADD `lease_until` integer;--> statement-breakpoint
ALTER TABLE `webhook_deliveries` ADD `lease_token` text;