ALTER TABLE `escalations` ADD `idempotency_key` text;--> statement-breakpoint
ALTER TABLE `escalations` ADD `request_hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `escalations_tenant_ticket_idempotency` ON `escalations` (`tenant_id`,`ticket_id`,`idempotency_key`);--> statement-breakpoint
ALTER TABLE `messages` ADD `idempotency_key` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `request_hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `messages_tenant_ticket_idempotency` ON `messages` (`tenant_id`,`ticket_id`,`idempotency_key`);