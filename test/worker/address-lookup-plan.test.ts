import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../worker/db/client';
import { otherTicketFromAddressSince } from '../../worker/db/mail';

describe('per-address look-ups', () => {
  it('read a range of the (desk, contact email, created) index, never a scan of the desk’s recent tickets', async () => {
    const db = getDb(env.DB);
    const t = { id: 'tkt_x', deskId: 'desk_a', contactEmail: 'budi@customer.example' };
    // Build the same query the confirmation runs and ask SQLite for its plan.
    const { and, eq, gt, ne } = await import('drizzle-orm');
    const { tickets } = await import('../../worker/db/schema');
    const q = db
      .select({ id: tickets.id })
      .from(tickets)
      .where(
        and(
          eq(tickets.deskId, t.deskId),
          gt(tickets.createdAt, 0),
          eq(tickets.contactEmail, t.contactEmail),
          ne(tickets.id, t.id),
        ),
      )
      .limit(1)
      .toSQL();
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${q.sql}`)
      .bind(...q.params)
      .all<{ detail: string }>();
    expect(results.map((r) => r.detail).join(' | ')).toMatch(
      /tickets_desk_contact \(desk_id=\? AND contact_email=\? AND created_at>\?\)/,
    );
    expect(await otherTicketFromAddressSince(db, t, 0)).toBe(false);
  });
});
