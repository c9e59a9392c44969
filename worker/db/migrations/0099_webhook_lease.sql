-- Webhook deliveries are claimed with a lease before they are sent (worker/db/webhook-claims.ts),
-- so overlapping cron runs never send one delivery twice. Numbered 0099 until the lead renumbers it.
ALTER TABLE `webhook_deliveries` ADD `lease_until` integer;--> statement-breakpoint
ALTER TABLE `webhook_deliveries` ADD `lease_token` text;
