import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../worker/db/client';
import { listTickets, type TicketListQuery } from '../../worker/db/ticket-list';

type Shape = Omit<TicketListQuery, 'deskId' | 'limit' | 'now'>;

const NOW = Date.UTC(2026, 2, 2, 3, 0);
const filters: Omit<Shape, 'sort'>[] = [
  {},
  { status: ['open', 'pending'] },
  { severity: [1] },
  { status: ['new'], severity: [2, 3] },
  { sla: ['met'] },
  { sla: ['breached'] },
  { sla: ['at_risk'] },
  { sla: ['on_track'] },
  { sla: ['at_risk', 'breached'] },
  { sla: ['paused'] },
  { sla: ['at_risk', 'breached'], clockRunning: true },
  { organisationIds: ['org_a'] },
  { organisationIds: ['org_a', 'org_b'] },
  { assigneeId: 'agt_a' },
  { assigneeId: null },
  { team: 'security' },
  { waitingOn: 'us' },
  { breach: 'any' },
  { breach: 'resolution', sla: ['met'] },
  { q: 'laporan error' },
  { organisationIds: ['org_a'], sla: ['breached'], waitingOn: 'customer', q: 'login' },
  { after: { key: NOW, id: 'tkt_x' } },
];
const shapes: Shape[] = (['due', 'created'] as const).flatMap((sort) => filters.map((f) => ({ sort, ...f })));

/** SQLite's plan for one list query, one line per step. */
async function plan(shape: Shape): Promise<string[]> {
  const query = listTickets(getDb(env.DB), { deskId: 'desk_a', limit: 25, now: NOW, ...shape }).toSQL();
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
    .bind(...query.params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail);
}

describe('ticket list query plans', () => {
  it.each(shapes)('walks a desk index in sort order and stops at the limit: %o', async (shape) => {
    const steps = await plan(shape);
    const all = steps.join(' | ');
    expect(all).not.toMatch(/SCAN tickets\b/);
    // Organisation and assignee names are looked up per row by primary key, never scanned.
    expect(all).not.toMatch(/SCAN (organisations|agents)/);
    const openClock = shape.clockRunning || shape.sla?.every((s) => s === 'on_track' || s === 'at_risk');
    const tickets = steps.find((s) => /\btickets\b/.test(s) && !/tickets_fts/.test(s)) ?? '';
    if (openClock && shape.sort === 'created') {
      // Open-clock states are bounded by due > now (a running clock by due < NO_DUE): only those tickets are
      // read, then sorted.
      expect(tickets).toMatch(/tickets_desk_due \(desk_id=\? AND sla_due_at[<>]\?\)/);
    } else {
      // One organisation: its own (organisation_id, due, id) index is the walk in due order.
      const oneOrganisation = shape.sort === 'due' && shape.organisationIds?.length === 1;
      const index = oneOrganisation
        ? /INDEX tickets_organisation_due \(organisation_id=\?\)/
        : shape.sort === 'due'
          ? /INDEX tickets_desk_(due|assignee_due) \(desk_id=\?/
          : /INDEX tickets_desk_created \(desk_id=\?/;
      expect(tickets).toMatch(index);
      expect(all).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
      // Open-clock states in due order: the range of running clocks due after now, not every answered ticket too.
      if (openClock && shape.sort === 'due' && !shape.clockRunning && !oneOrganisation)
        expect(tickets).toMatch(/tickets_desk_due \(desk_id=\? AND sla_due_at>\? AND sla_due_at<\?\)/);
    }
  });
});
