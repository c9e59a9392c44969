ALTER TABLE `attachments` ADD `object_key` text;--> statement-breakpoint
ALTER TABLE `attachments` ADD `sniffed_type` text;--> statement-breakpoint
ALTER TABLE `attachments` ADD `sha256` text;--> statement-breakpoint
ALTER TABLE `attachments` ADD `uploaded_by` text;--> statement-breakpoint
ALTER TABLE `attachments` ADD `agent_id` text;--> statement-breakpoint
ALTER TABLE `attachments` ADD `refused` text;--> statement-breakpoint
ALTER TABLE `attachments` ADD `idempotency_key` text;--> statement-breakpoint
ALTER TABLE `attachments` ADD `request_hash` text;--> statement-breakpoint
CREATE INDEX `attachments_message` ON `attachments` (`message_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `attachments_ticket_idempotency` ON `attachments` (`ticket_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `attachments_blob_backfill` ON `attachments` (`created_at`) WHERE content is not null;--> statement-breakpoint
-- Every row from before came from inbound email; one without content was kept as metadata only. The
-- blobs themselves move to R2 in the cron (worker/attachments/backfill.ts): SQL cannot write to R2.
UPDATE `attachments` SET `uploaded_by` = 'email' WHERE `uploaded_by` IS NULL;--> statement-breakpoint
UPDATE `attachments` SET `refused` = 'not_kept' WHERE `content` IS NULL AND `object_key` IS NULL AND `refused` IS NULL;
