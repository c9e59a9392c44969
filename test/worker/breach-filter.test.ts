import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import worker from '../../worker/index';
import { makeDesk } from './fixtures';
import { agentApi } from './ticket-api';
import { bearer } from './ticket-fixtures';

async function runCronAt(scheduledTime: number) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime, cron: '* * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}
const ids = async (token: string, query: string) =>
  (
    (await (
      await exports.default.fetch(`http://api.test/v1/tickets${query}`, { headers: bearer(token) })
    ).json()) as {
      tickets: { id: string }[];
    }
  ).tickets.map((t) => t.id);

beforeEach(() => {
  vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response('down', { status: 503 }));
});
afterEach(() => vi.restoreAllMocks());

describe('GET /v1/tickets?breach= (every clock, from the SLA record)', () => {
  it('lists the tickets with a recorded breach of a clock, and keeps them listed after a downgrade', async () => {
    const fx = await makeDesk({ role: 'lead' });
    const late = await agentApi(fx.agentToken).logTicket(fx.slug);
    await runCronAt(Date.now());
    expect(await ids(fx.agentToken, '?breach=first_response')).toEqual([late.id]);
    expect(await ids(fx.agentToken, '?breach=any')).toEqual([late.id]);
    expect(await ids(fx.agentToken, '?breach=resolution')).toEqual([]);
    const patch = await exports.default.fetch(`http://api.test/v1/tickets/${late.id}`, {
      method: 'PATCH',
      headers: { ...bearer(fx.agentToken), 'Content-Type': 'application/json' },
      body: JSON.stringify({ severity: 4, reason: 'Hanya pertanyaan' }),
    });
    expect(patch.status).toBe(200);
    // The record is a fact: a downgrade does not take the ticket off the breach list.
    expect(await ids(fx.agentToken, '?breach=first_response')).toEqual([late.id]);
    const other = await makeDesk();
    expect(await ids(other.agentToken, '?breach=any')).toEqual([]);
  });
});
