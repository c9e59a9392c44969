import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../worker/db/client';
import { listTickets } from '../../worker/db/ticket-list';

/**
 * Migrations 0015 (search_rowid_due_filters) and 0016 (fts_triggers_null_safe): every ticket records the
 * rowid of its search-index row (tickets.search_rowid), and the list's search matches on it. Filled at
 * the migration before with search rows whose rowids differ from the tickets', and a ticket with no
 * search row at all (as a restore without tickets_fts leaves it).
 */
const db = () => env.MIGRATION_DB;
const NOW = Date.UTC(2026, 10, 30, 3, 0);

async function ticket(i: number, subject: string) {
  const created = NOW - i * 60_000;
  await db()
    .prepare(
      `INSERT INTO tickets (id, desk_id, number, channel, subject, description, category, severity, severity_rule, status, in_scope, contact_name, contact_email, access_token_hash, reply_token, received_at, clock_starts_at, first_response_due_at, at_risk_at, sla_due_at, created_at, updated_at)
       VALUES (?1, 'desk_m', ?2, 'widget', ?3, 'x', 'problem', 2, 'r', 'new', 1, 'Budi', 'budi@x.example', 'h' || ?2, 'r' || ?2, ?4, ?4, ?5, ?5, ?5, ?4, ?4)`,
    )
    .bind(`t${i}`, i, subject, created, created + 3_600_000 + i)
    .run();
}

const search = (q: string) =>
  listTickets(getDb(db()), { deskId: 'desk_m', q, sort: 'due', limit: 10, now: NOW }).then((rows) =>
    rows.map((r) => r.id),
  );

describe('migrations 0015–0016: search on the index’s rowids', () => {
  it('maps every existing ticket to its search row, and the triggers keep the map for new and edited tickets', async () => {
    // By name, not number: the migration may be renumbered at merge.
    const mine = env.TEST_MIGRATIONS.findIndex((m) => m.name.includes('_search_rowid_due_filters'));
    expect(mine).toBeGreaterThan(0);
    await applyD1Migrations(db(), env.TEST_MIGRATIONS.slice(0, mine));
    await db()
      .prepare(`INSERT INTO desks (id, slug, name, coverage) VALUES ('desk_m', 'm', 'M', '{}')`)
      .run();
    // Search rows of no ticket (say, left by a restore) push the index's rowids away from the tickets'.
    await db()
      .prepare(
        `INSERT INTO tickets_fts (ticket_id, subject, description) VALUES ('gone', 'login', 'x'), ('gone2', 'x', 'x')`,
      )
      .run();
    await ticket(1, 'Login gagal');
    await ticket(2, 'Laporan penjualan');
    await ticket(3, 'Login lambat');
    await ticket(5, 'Login dari cadangan');
    await db().prepare(`DELETE FROM tickets_fts WHERE ticket_id = 't5'`).run();
    await applyD1Migrations(db(), env.TEST_MIGRATIONS);

    const map = await db()
      .prepare(
        'select t.id, t.rowid as r, t.search_rowid as s, f.ticket_id as f from tickets t left join tickets_fts f on f.rowid = t.search_rowid order by t.id',
      )
      .all<{ id: string; r: number; s: number; f: string }>();
    expect(map.results.map((m) => m.f)).toEqual(['t1', 't2', 't3', 't5']);
    expect(map.results.every((m) => m.r !== m.s)).toBe(true);
    // t5 had no search row: 0016 indexed it.
    expect(await search('login')).toEqual(['t5', 't3', 't1']);

    // A ticket created after the migration is found; an edited subject is found by its new words only.
    await ticket(4, 'Login lagi');
    expect(await search('login')).toEqual(['t5', 't4', 't3', 't1']);
    await db().prepare(`UPDATE tickets SET subject = 'Ekspor CSV' WHERE id = 't3'`).run();
    expect(await search('login')).toEqual(['t5', 't4', 't1']);
    expect(await search('ekspor')).toEqual(['t3']);
    await db().prepare(`DELETE FROM tickets WHERE id = 't4'`).run();
    expect(await search('login')).toEqual(['t5', 't1']);
    await db().prepare(`UPDATE tickets SET subject = 'Cadangan dipulihkan' WHERE id = 't5'`).run();
    expect(await search('login')).toEqual(['t1']);
    expect(await search('cadangan')).toEqual(['t5']);
    const rows = await db().prepare('select count(*) as n from tickets_fts').first<{ n: number }>();
    expect(rows?.n).toBe(6); // the four tickets' rows and the two rows of no ticket: no orphan from edits
  });
});
