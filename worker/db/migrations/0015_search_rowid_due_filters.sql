DROP INDEX `tickets_desk_due`;--> statement-breakpoint
DROP INDEX `tickets_desk_created`;--> statement-breakpoint
ALTER TABLE `tickets` ADD `search_rowid` integer;--> statement-breakpoint
-- Written by hand (drizzle-kit knows no triggers): every ticket records the rowid of its row in tickets_fts,
-- so a search matches on rowids (worker/db/ticket-list.ts) and the triggers find the row by rowid, not by scanning
-- the index's ticket_id column. Existing rows: one pass over the search index, joined on the primary key.
UPDATE `tickets` SET `search_rowid` = m.rowid FROM (SELECT rowid, ticket_id FROM tickets_fts) AS m WHERE m.ticket_id = `tickets`.`id`;--> statement-breakpoint
CREATE INDEX `tickets_desk_due` ON `tickets` (`desk_id`,`sla_due_at`,`id`,`status`,`waiting_on`,`search_rowid`);--> statement-breakpoint
CREATE INDEX `tickets_desk_created` ON `tickets` (`desk_id`,`created_at`,`id`,`search_rowid`);--> statement-breakpoint
DROP TRIGGER tickets_fts_insert;--> statement-breakpoint
CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets BEGIN
  INSERT INTO tickets_fts (ticket_id, subject, description) VALUES (new.id, new.subject, new.description);
  UPDATE tickets SET search_rowid = last_insert_rowid() WHERE rowid = new.rowid;
END;--> statement-breakpoint
DROP TRIGGER tickets_fts_update;--> statement-breakpoint
CREATE TRIGGER tickets_fts_update AFTER UPDATE OF subject, description ON tickets BEGIN
  DELETE FROM tickets_fts WHERE rowid = old.search_rowid;
  INSERT INTO tickets_fts (rowid, ticket_id, subject, description) VALUES (old.search_rowid, new.id, new.subject, new.description);
END;--> statement-breakpoint
DROP TRIGGER tickets_fts_delete;--> statement-breakpoint
CREATE TRIGGER tickets_fts_delete AFTER DELETE ON tickets BEGIN
  DELETE FROM tickets_fts WHERE rowid = old.search_rowid;
END;
