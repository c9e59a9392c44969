CREATE TABLE `agent_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`agent_name` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_tokens_token_hash_unique` ON `agent_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `agent_tokens_tenant` ON `agent_tokens` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`message_id` text,
	`filename` text,
	`content_type` text,
	`size` integer NOT NULL,
	`content` blob,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments_ticket` ON `attachments` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_tenant_email` ON `contacts` (`tenant_id`,`email`);--> statement-breakpoint
CREATE TABLE `escalations` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`team` text NOT NULL,
	`note` text NOT NULL,
	`actor` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `escalations_ticket` ON `escalations` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `holidays` (
	`id` text PRIMARY KEY NOT NULL,
	`set_name` text NOT NULL,
	`date` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `holidays_set_date_kind` ON `holidays` (`set_name`,`date`,`kind`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`author_type` text NOT NULL,
	`author` text NOT NULL,
	`body` text NOT NULL,
	`public` integer DEFAULT true NOT NULL,
	`channel` text NOT NULL,
	`email_message_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `messages_ticket` ON `messages` (`ticket_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `messages_tenant_email_message` ON `messages` (`tenant_id`,`email_message_id`);--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`locale` text DEFAULT 'id' NOT NULL,
	`coverage` text NOT NULL,
	`allowed_origins` text DEFAULT '[]' NOT NULL,
	`identity_secret` text,
	`webhook_url` text,
	`webhook_secret` text,
	`store_attachments` integer DEFAULT false NOT NULL,
	`attachment_max_bytes` integer DEFAULT 1048576 NOT NULL,
	`email_address` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_slug_unique` ON `tenants` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_email_address_unique` ON `tenants` (`email_address`);--> statement-breakpoint
CREATE TABLE `ticket_events` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`type` text NOT NULL,
	`actor` text NOT NULL,
	`data` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ticket_events_ticket` ON `ticket_events` (`ticket_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`number` integer NOT NULL,
	`channel` text NOT NULL,
	`subject` text NOT NULL,
	`description` text NOT NULL,
	`steps` text,
	`expected` text,
	`category` text NOT NULL,
	`impact_affected` text,
	`impact_workaround` text,
	`services_kind` text,
	`severity` integer NOT NULL,
	`severity_rule` text NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`flags` text DEFAULT '[]' NOT NULL,
	`in_scope` integer NOT NULL,
	`contact_name` text NOT NULL,
	`contact_email` text NOT NULL,
	`contact_verified` integer DEFAULT false NOT NULL,
	`contact_authorised` integer DEFAULT false NOT NULL,
	`user_id` text,
	`environment` text,
	`context` text,
	`locale` text,
	`assignee` text,
	`access_token_hash` text NOT NULL,
	`reply_token` text NOT NULL,
	`idempotency_key` text,
	`request_hash` text,
	`email_message_id` text,
	`clock_starts_at` integer NOT NULL,
	`first_response_due_at` integer NOT NULL,
	`at_risk_at` integer NOT NULL,
	`first_response_at` integer,
	`sla_notified` text DEFAULT 'on_track' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_reply_token_unique` ON `tickets` (`reply_token`);--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_tenant_number` ON `tickets` (`tenant_id`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_tenant_idempotency` ON `tickets` (`tenant_id`,`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_tenant_email_message` ON `tickets` (`tenant_id`,`email_message_id`);--> statement-breakpoint
CREATE INDEX `tickets_tenant_due` ON `tickets` (`tenant_id`,`first_response_due_at`,`id`);--> statement-breakpoint
CREATE INDEX `tickets_tenant_created` ON `tickets` (`tenant_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tickets_open_due` ON `tickets` (`first_response_at`,`first_response_due_at`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`ticket_id` text NOT NULL,
	`event` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_deliveries_once` ON `webhook_deliveries` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due` ON `webhook_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `widget_keys` (
	`key` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `widget_keys_tenant` ON `widget_keys` (`tenant_id`);