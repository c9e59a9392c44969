import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Agent } from '../../worker/app-env';
import { getDb } from '../../worker/db/client';
import { listTickets } from '../../worker/db/ticket-list';
import { OPEN_STATUSES, QUEUE_VIEWS, viewFilter } from '../../worker/desk/queue-views';

const agent: Agent = {
  id: 'agt_a',
  name: 'Ayu',
  email: null,
  role: 'lead',
  teams: ['support', 'security'],
  deskId: 'desk_a',
};

/** SQLite's plan for the queue page's list query of a view, one line per step. */
async function plan(view: (typeof QUEUE_VIEWS)[number]): Promise<string> {
  const query = listTickets(getDb(env.DB), {
    deskId: 'desk_a',
    status: [...OPEN_STATUSES],
    ...viewFilter(view, agent),
    sort: 'due',
    limit: 51,
    now: Date.UTC(2026, 2, 2, 3, 0),
  }).toSQL();
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
    .bind(...query.params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail).join(' | ');
}

describe('the console queue’s query plans', () => {
  it.each(QUEUE_VIEWS)('walks a desk index in due order for view %s, with no sort step', async (view) => {
    const all = await plan(view);
    expect(all).not.toMatch(/SCAN tickets\b/);
    expect(all).toMatch(/INDEX tickets_desk_(due|assignee_due|customer_replied) \(desk_id=\?/);
    expect(all).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
  });

  it('filters status, waiting_on and search matches inside the due index, so a view of answered tickets skips the running ones there', async () => {
    // "Waiting on customer" and status=resolved sit at the NO_DUE end of the walk: every running ticket before
    // them is rejected from the index entry alone, without reading its row.
    const { results } = await env.DB.prepare(
      "select name from pragma_index_info('tickets_desk_due') order by seqno",
    ).all<{
      name: string;
    }>();
    expect(results.map((r) => r.name)).toEqual([
      'desk_id',
      'sla_due_at',
      'id',
      'status',
      'waiting_on',
      'search_rowid',
    ]);
    expect(await plan('waiting-customer')).toMatch(/INDEX tickets_desk_due \(desk_id=\?\)/);
  });

  it('reads "Customer replied" from its partial index, not the whole desk', async () => {
    expect(await plan('customer-replied')).toMatch(/INDEX tickets_desk_customer_replied \(desk_id=\?/);
  });
});
