-- The desk model (issue 9): one support desk serves many customer organisations.
-- Each tenant becomes an organisation of one desk "Kinobi AI"; each agent token becomes an agent (a person)
-- of that desk with the token; tickets keep ids, due times, events and messages, get one number sequence per
-- desk (by creation time) and keep their per-tenant number as legacy_number. Tables whose columns change are
-- rebuilt (create, copy, drop, rename) with foreign keys deferred to the end of the migration's transaction.
PRAGMA defer_foreign_keys = on;--> statement-breakpoint
CREATE TABLE `desks` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`locale` text DEFAULT 'id' NOT NULL,
	`coverage` text NOT NULL,
	`allowed_origins` text DEFAULT '[]' NOT NULL,
	`identity_secret` text,
	`webhook_url` text,
	`webhook_secret` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);--> statement-breakpoint
CREATE UNIQUE INDEX `desks_slug_unique` ON `desks` (`slug`);--> statement-breakpoint
INSERT INTO desks (id, slug, name, locale, coverage, allowed_origins, identity_secret, webhook_url, webhook_secret, created_at, updated_at)
SELECT 'desk_kinobi', 'kinobi', 'Kinobi AI', 'id', '{"calendar":{"timeZone":"Asia/Jakarta","windows":[{"days":[1,2,3,4,5],"start":"09:00","end":"18:00"}],"holidays":"id"},"targets":{"1":{"businessMinutes":120},"2":{"businessMinutes":240},"3":{"businessMinutes":540},"4":{"businessMinutes":1080}}}', '[]',
  (SELECT identity_secret FROM tenants WHERE identity_secret IS NOT NULL ORDER BY created_at, id LIMIT 1),
  (SELECT webhook_url FROM tenants WHERE webhook_url IS NOT NULL ORDER BY created_at, id LIMIT 1),
  (SELECT webhook_secret FROM tenants WHERE webhook_url IS NOT NULL ORDER BY created_at, id LIMIT 1),
  cast(unixepoch('subsec') * 1000 as integer), cast(unixepoch('subsec') * 1000 as integer)
WHERE EXISTS (SELECT 1 FROM tenants);--> statement-breakpoint
CREATE TABLE `organisations_new` (
	`id` text PRIMARY KEY NOT NULL,
	`desk_id` text NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`locale` text DEFAULT 'id' NOT NULL,
	`coverage` text NOT NULL,
	`allowed_origins` text DEFAULT '[]' NOT NULL,
	`success_contact_name` text,
	`success_contact_email` text,
	`store_attachments` integer DEFAULT false NOT NULL,
	`attachment_max_bytes` integer DEFAULT 1048576 NOT NULL,
	`email_address` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`desk_id`) REFERENCES `desks`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
INSERT INTO organisations_new (id, desk_id, slug, name, locale, coverage, allowed_origins, store_attachments, attachment_max_bytes, email_address, created_at, updated_at)
SELECT id, 'desk_kinobi', slug, name, locale, coverage, allowed_origins, store_attachments, attachment_max_bytes, email_address, created_at, updated_at FROM tenants;--> statement-breakpoint
ALTER TABLE `organisations_new` RENAME TO `organisations`;--> statement-breakpoint
CREATE TABLE `agents` (
	`id` text PRIMARY KEY NOT NULL,
	`desk_id` text NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`role` text DEFAULT 'agent' NOT NULL,
	`teams` text DEFAULT '["support"]' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`deactivated_at` integer,
	FOREIGN KEY (`desk_id`) REFERENCES `desks`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
INSERT INTO agents (id, desk_id, name, email, role, teams, created_at, updated_at, deactivated_at)
SELECT 'agt_' || id, 'desk_kinobi', agent_name, NULL, 'agent', '["support"]', created_at, created_at, revoked_at FROM agent_tokens;--> statement-breakpoint
CREATE TABLE `tickets_new` (
	`id` text PRIMARY KEY NOT NULL,
	`desk_id` text NOT NULL,
	`organisation_id` text,
	`number` integer NOT NULL,
	`legacy_number` integer,
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
	`assignee_id` text,
	`legacy_assignee` text,
	`waiting_on` text DEFAULT 'us' NOT NULL,
	`access_token_hash` text NOT NULL,
	`reply_token` text NOT NULL,
	`idempotency_key` text,
	`request_hash` text,
	`email_message_id` text,
	`received_at` integer NOT NULL,
	`clock_starts_at` integer NOT NULL,
	`first_response_due_at` integer NOT NULL,
	`at_risk_at` integer NOT NULL,
	`first_response_at` integer,
	`sla_notified` text DEFAULT 'on_track' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`desk_id`) REFERENCES `desks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
INSERT INTO tickets_new (id, desk_id, organisation_id, number, legacy_number, channel, subject, description, steps, expected, category,
  impact_affected, impact_workaround, services_kind, severity, severity_rule, status, flags, in_scope, contact_name, contact_email,
  contact_verified, contact_authorised, user_id, environment, context, locale, assignee_id, legacy_assignee, waiting_on,
  access_token_hash, reply_token, idempotency_key, request_hash, email_message_id, received_at, clock_starts_at,
  first_response_due_at, at_risk_at, first_response_at, sla_notified, created_at, updated_at)
SELECT k.id, 'desk_kinobi', k.tenant_id, row_number() OVER (ORDER BY k.created_at, k.id), k.number, k.channel, k.subject, k.description, k.steps, k.expected, k.category,
  k.impact_affected, k.impact_workaround, k.services_kind, k.severity, k.severity_rule, k.status, k.flags, k.in_scope, k.contact_name, k.contact_email,
  k.contact_verified, k.contact_authorised, k.user_id, k.environment, k.context, k.locale,
  CASE WHEN k.assignee IS NULL THEN NULL ELSE (select a.id from agents a join agent_tokens t on a.id = 'agt_' || t.id where t.tenant_id = k.tenant_id and a.name = k.assignee order by t.created_at, t.id limit 1) END, k.assignee,
  CASE WHEN (SELECT m.author_type FROM messages m WHERE m.ticket_id = k.id AND m.public = 1 ORDER BY m.created_at DESC, m.rowid DESC LIMIT 1) = 'agent' THEN 'customer' ELSE 'us' END,
  k.access_token_hash, k.reply_token, k.idempotency_key, k.request_hash, k.email_message_id, k.created_at, k.clock_starts_at,
  k.first_response_due_at, k.at_risk_at, k.first_response_at, k.sla_notified, k.created_at, k.updated_at
FROM tickets k;--> statement-breakpoint
CREATE TABLE `ticket_events_new` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`desk_id` text NOT NULL,
	`type` text NOT NULL,
	`actor` text NOT NULL,
	`agent_id` text,
	`data` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
INSERT INTO ticket_events_new (id, ticket_id, desk_id, type, actor, agent_id, data, created_at)
SELECT e.id, e.ticket_id, 'desk_kinobi', e.type, e.actor,
  CASE WHEN e.actor LIKE 'agent:%' THEN (select a.id from agents a join agent_tokens t on a.id = 'agt_' || t.id where t.tenant_id = e.tenant_id and a.name = substr(e.actor, 7) order by t.created_at, t.id limit 1) END, e.data, e.created_at
FROM ticket_events e ORDER BY e.rowid;--> statement-breakpoint
CREATE TABLE `messages_new` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`desk_id` text NOT NULL,
	`author_type` text NOT NULL,
	`author` text NOT NULL,
	`agent_id` text,
	`body` text NOT NULL,
	`public` integer DEFAULT true NOT NULL,
	`channel` text NOT NULL,
	`email_message_id` text,
	`idempotency_key` text,
	`request_hash` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
INSERT INTO messages_new (id, ticket_id, desk_id, author_type, author, agent_id, body, public, channel, email_message_id, idempotency_key, request_hash, created_at)
SELECT m.id, m.ticket_id, 'desk_kinobi', m.author_type, m.author,
  CASE WHEN m.author_type = 'agent' THEN (select a.id from agents a join agent_tokens t on a.id = 'agt_' || t.id where t.tenant_id = m.tenant_id and a.name = m.author order by t.created_at, t.id limit 1) END,
  m.body, m.public, m.channel, m.email_message_id, m.idempotency_key, m.request_hash, m.created_at
FROM messages m ORDER BY m.rowid;--> statement-breakpoint
CREATE TABLE `escalations_new` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`desk_id` text NOT NULL,
	`team` text NOT NULL,
	`note` text NOT NULL,
	`actor` text NOT NULL,
	`agent_id` text,
	`idempotency_key` text,
	`request_hash` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
INSERT INTO escalations_new (id, ticket_id, desk_id, team, note, actor, agent_id, idempotency_key, request_hash, created_at)
SELECT x.id, x.ticket_id, 'desk_kinobi', x.team, x.note, x.actor,
  CASE WHEN x.actor LIKE 'agent:%' THEN (select a.id from agents a join agent_tokens t on a.id = 'agt_' || t.id where t.tenant_id = x.tenant_id and a.name = substr(x.actor, 7) order by t.created_at, t.id limit 1) END,
  x.idempotency_key, x.request_hash, x.created_at
FROM escalations x ORDER BY x.rowid;--> statement-breakpoint
CREATE TABLE `widget_keys_new` (
	`key` text PRIMARY KEY NOT NULL,
	`desk_id` text NOT NULL,
	`organisation_id` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`desk_id`) REFERENCES `desks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
INSERT INTO widget_keys_new (key, desk_id, organisation_id, created_at, revoked_at) SELECT key, 'desk_kinobi', tenant_id, created_at, revoked_at FROM widget_keys;--> statement-breakpoint
CREATE TABLE `agent_tokens_new` (
	`id` text PRIMARY KEY NOT NULL,
	`agent_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
INSERT INTO agent_tokens_new (id, agent_id, token_hash, created_at, revoked_at) SELECT id, 'agt_' || id, token_hash, created_at, revoked_at FROM agent_tokens;--> statement-breakpoint
CREATE TABLE `contacts_new` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
INSERT INTO contacts_new (id, organisation_id, email, name, created_at) SELECT id, tenant_id, email, name, created_at FROM contacts;--> statement-breakpoint
CREATE TABLE `webhook_deliveries_new` (
	`id` text PRIMARY KEY NOT NULL,
	`desk_id` text NOT NULL,
	`ticket_id` text NOT NULL,
	`event` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL
);--> statement-breakpoint
INSERT INTO webhook_deliveries_new (id, desk_id, ticket_id, event, dedupe_key, payload, status, attempts, next_attempt_at, last_error, created_at)
SELECT id, 'desk_kinobi', ticket_id, event, dedupe_key, payload, status, attempts, next_attempt_at, last_error, created_at FROM webhook_deliveries ORDER BY rowid;--> statement-breakpoint
CREATE TABLE `attachments_new` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`message_id` text,
	`filename` text,
	`content_type` text,
	`size` integer NOT NULL,
	`content` blob,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
INSERT INTO attachments_new SELECT id, ticket_id, message_id, filename, content_type, size, content, created_at FROM attachments ORDER BY rowid;--> statement-breakpoint
DROP TABLE `attachments`;--> statement-breakpoint
DROP TABLE `webhook_deliveries`;--> statement-breakpoint
DROP TABLE `contacts`;--> statement-breakpoint
DROP TABLE `agent_tokens`;--> statement-breakpoint
DROP TABLE `widget_keys`;--> statement-breakpoint
DROP TABLE `escalations`;--> statement-breakpoint
DROP TABLE `messages`;--> statement-breakpoint
DROP TABLE `ticket_events`;--> statement-breakpoint
DROP TABLE `tickets`;--> statement-breakpoint
DROP TABLE `tenants`;--> statement-breakpoint
ALTER TABLE `tickets_new` RENAME TO `tickets`;--> statement-breakpoint
ALTER TABLE `ticket_events_new` RENAME TO `ticket_events`;--> statement-breakpoint
ALTER TABLE `messages_new` RENAME TO `messages`;--> statement-breakpoint
ALTER TABLE `escalations_new` RENAME TO `escalations`;--> statement-breakpoint
ALTER TABLE `widget_keys_new` RENAME TO `widget_keys`;--> statement-breakpoint
ALTER TABLE `agent_tokens_new` RENAME TO `agent_tokens`;--> statement-breakpoint
ALTER TABLE `contacts_new` RENAME TO `contacts`;--> statement-breakpoint
ALTER TABLE `webhook_deliveries_new` RENAME TO `webhook_deliveries`;--> statement-breakpoint
ALTER TABLE `attachments_new` RENAME TO `attachments`;--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_slug_unique` ON `organisations` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_email_address_unique` ON `organisations` (`email_address`);--> statement-breakpoint
CREATE INDEX `organisations_desk` ON `organisations` (`desk_id`,`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `agents_desk_email` ON `agents` (`desk_id`,`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_reply_token_unique` ON `tickets` (`reply_token`);--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_desk_number` ON `tickets` (`desk_id`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_desk_idempotency` ON `tickets` (`desk_id`,`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_desk_email_message` ON `tickets` (`desk_id`,`email_message_id`);--> statement-breakpoint
CREATE INDEX `tickets_desk_due` ON `tickets` (`desk_id`,`first_response_due_at`,`id`);--> statement-breakpoint
CREATE INDEX `tickets_desk_created` ON `tickets` (`desk_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tickets_desk_assignee_due` ON `tickets` (`desk_id`,`assignee_id`,`first_response_due_at`,`id`);--> statement-breakpoint
CREATE INDEX `tickets_organisation_due` ON `tickets` (`organisation_id`,`first_response_due_at`,`id`);--> statement-breakpoint
CREATE INDEX `tickets_open_due` ON `tickets` (`first_response_at`,`first_response_due_at`);--> statement-breakpoint
CREATE INDEX `ticket_events_ticket` ON `ticket_events` (`ticket_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `messages_ticket` ON `messages` (`ticket_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `messages_desk_email_message` ON `messages` (`desk_id`,`email_message_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `messages_ticket_idempotency` ON `messages` (`ticket_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `escalations_ticket` ON `escalations` (`ticket_id`,`team`);--> statement-breakpoint
CREATE UNIQUE INDEX `escalations_ticket_idempotency` ON `escalations` (`ticket_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `widget_keys_desk` ON `widget_keys` (`desk_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `agent_tokens_token_hash_unique` ON `agent_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `agent_tokens_agent` ON `agent_tokens` (`agent_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_organisation_email` ON `contacts` (`organisation_id`,`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_deliveries_once` ON `webhook_deliveries` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due` ON `webhook_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `attachments_ticket` ON `attachments` (`ticket_id`);--> statement-breakpoint
CREATE VIRTUAL TABLE tickets_fts USING fts5(ticket_id UNINDEXED, subject, description, tokenize = 'unicode61 remove_diacritics 2');--> statement-breakpoint
INSERT INTO tickets_fts (ticket_id, subject, description) SELECT id, subject, description FROM tickets;--> statement-breakpoint
CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets BEGIN
  INSERT INTO tickets_fts (ticket_id, subject, description) VALUES (new.id, new.subject, new.description);
END;--> statement-breakpoint
CREATE TRIGGER tickets_fts_update AFTER UPDATE OF subject, description ON tickets BEGIN
  DELETE FROM tickets_fts WHERE ticket_id = old.id;
  INSERT INTO tickets_fts (ticket_id, subject, description) VALUES (new.id, new.subject, new.description);
END;--> statement-breakpoint
CREATE TRIGGER tickets_fts_delete AFTER DELETE ON tickets BEGIN
  DELETE FROM tickets_fts WHERE ticket_id = old.id;
END;--> statement-breakpoint
PRAGMA defer_foreign_keys = off;
