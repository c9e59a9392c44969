-- Written by hand (drizzle-kit knows no triggers). 0015's triggers find a ticket's search row by
-- tickets.search_rowid only: a ticket that had no search row when 0015's backfill ran (restored or
-- imported without tickets_fts) kept search_rowid NULL, so each edit added an orphan search row and the
-- ticket could never be found. Here: such tickets get their search row now, and the triggers fall back
-- to the ticket id when search_rowid is NULL and record the rowid they wrote.
INSERT INTO tickets_fts (ticket_id, subject, description) SELECT id, subject, description FROM tickets WHERE search_rowid IS NULL;--> statement-breakpoint
UPDATE `tickets` SET `search_rowid` = m.rowid FROM (SELECT max(rowid) AS rowid, ticket_id FROM tickets_fts GROUP BY ticket_id) AS m WHERE m.ticket_id = `tickets`.`id` AND `tickets`.`search_rowid` IS NULL;--> statement-breakpoint
DROP TRIGGER tickets_fts_update;--> statement-breakpoint
CREATE TRIGGER tickets_fts_update AFTER UPDATE OF subject, description ON tickets BEGIN
  DELETE FROM tickets_fts WHERE rowid = old.search_rowid OR (old.search_rowid IS NULL AND ticket_id = old.id);
  INSERT INTO tickets_fts (rowid, ticket_id, subject, description) VALUES (old.search_rowid, new.id, new.subject, new.description);
  UPDATE tickets SET search_rowid = last_insert_rowid() WHERE rowid = new.rowid AND search_rowid IS NULL;
END;--> statement-breakpoint
DROP TRIGGER tickets_fts_delete;--> statement-breakpoint
CREATE TRIGGER tickets_fts_delete AFTER DELETE ON tickets BEGIN
  DELETE FROM tickets_fts WHERE rowid = old.search_rowid OR (old.search_rowid IS NULL AND ticket_id = old.id);
END;
