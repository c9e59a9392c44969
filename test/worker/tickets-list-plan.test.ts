import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { listTickets, type TicketListQuery } from '../../worker/db/agent-queries';
import { getDb } from '../../worker/db/client';

type Shape = Omit<TicketListQuery, 'tenantId' | 'limit' | 'now'>;

const NOW = Date.UTC(2026, 2, 2, 3, 0);
const filters: Omit<Shape, 'sort'>[] = [
  {},
  { status: ['open', 'pending'] },
  { severity: [1] },
  { status: ['new'], severity: [2, 3] },
  { sla: 'met' },
  { sla: 'breached' },
  { sla: 'at_risk' },
  { sla: 'on_track' },
  { after: { key: NOW, id: 'tkt_x' } },
];
const shapes: Shape[] = (['due', 'created'] as const).flatMap((sort) => filters.map((f) => ({ sort, ...f })));

/** SQLite's plan for one list query, one line per step. */
async function plan(shape: Shape): Promise<string[]> {
  const query = listTickets(getDb(env.DB), { tenantId: 'ten_a', limit: 25, now: NOW, ...shape }).toSQL();
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
    .bind(...query.params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail);
}

describe('ticket list query plans', () => {
  it.each(shapes)('walks a tenant index in sort order and stops at the limit: %o', async (shape) => {
    const steps = await plan(shape);
    const index = shape.sort === 'due' ? 'tickets_tenant_due' : 'tickets_tenant_created';
    expect(steps.join(' | ')).not.toMatch(/SCAN tickets/);
    const openClock = shape.sla === 'on_track' || shape.sla === 'at_risk';
    if (openClock && shape.sort === 'created') {
      // Open-clock states are bounded by due > now: only tickets not yet due are read, then sorted.
      expect(steps[0]).toMatch(/tickets_tenant_due \(tenant_id=\? AND first_response_due_at>\?\)/);
    } else {
      expect(steps).toEqual([expect.stringContaining(`INDEX ${index} (tenant_id=?`)]);
    }
  });
});
