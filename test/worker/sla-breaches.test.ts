import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import worker from '../../worker/index';
import { makeDesk, standardCoverageJson } from './fixtures';
import { agentApi, clockOf } from './ticket-api';

const DAY = 86_400_000;

async function runCronAt(scheduledTime: number) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime, cron: '* * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

type BreachRow = {
  kind: string;
  cycle: number;
  severity: number;
  business_minutes: number;
  due_at: number;
  breached_at: number;
  recorded_by: string;
};
const breachesOf = async (ticketId: string) =>
  (
    await env.DB.prepare(
      'select kind, cycle, severity, business_minutes, due_at, breached_at, recorded_by from sla_breaches where ticket_id = ? order by kind, cycle',
    )
      .bind(ticketId)
      .all<BreachRow>()
  ).results;
const eventCount = async (ticketId: string, type: string) =>
  (
    await env.DB.prepare('select count(*) n from ticket_events where ticket_id = ? and type = ?')
      .bind(ticketId, type)
      .first<{ n: number }>()
  )?.n;

beforeEach(() => {
  // Webhook sends in the cron never leave the isolate.
  vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response('down', { status: 503 }));
});
afterEach(() => vi.restoreAllMocks());

describe('a breach is a fact (sla_breaches)', () => {
  it('is recorded once by the cron when a running clock passes due, with the severity and target then', async () => {
    const fx = await makeDesk();
    const t = await agentApi(fx.agentToken).logTicket(fx.slug);
    await runCronAt(Date.now());
    await runCronAt(Date.now() + 60_000);
    expect(await breachesOf(t.id)).toEqual([
      {
        kind: 'first_response',
        cycle: 1,
        severity: 1,
        business_minutes: 120,
        due_at: Date.parse(t.firstResponseDueAt),
        breached_at: Date.parse(t.firstResponseDueAt),
        recorded_by: 'cron',
      },
    ]);
    expect(await eventCount(t.id, 'sla_breach_recorded')).toBe(1);
  });

  it('survives a downgrade, closure and reopening; the table refuses updates and deletes', async () => {
    const fx = await makeDesk();
    const a = agentApi(fx.agentToken);
    const t = await a.logTicket(fx.slug);
    await runCronAt(Date.now());
    const before = await breachesOf(t.id);
    expect((await a.patch(t.id, { severity: 4, reason: 'one user only' })).status).toBe(200);
    await a.patch(t.id, { status: 'closed' });
    await a.patch(t.id, { status: 'open' });
    await runCronAt(Date.now() + 60_000);
    expect(await breachesOf(t.id)).toEqual(before);
    const d = await a.detail(t.id);
    expect(d.severity).toBe(4);
    expect(d.firstResponseDueAt).toBe(t.firstResponseDueAt);
    expect(clockOf(d, 'first_response')).toMatchObject({
      state: 'breached',
      breach: { severity: 1, businessMinutes: 120 },
    });
    const list = (await (await a.get('/v1/tickets?sla=breached')).json()) as { tickets: { id: string }[] };
    expect(list.tickets.map((x) => x.id)).toContain(t.id);
    await expect(env.DB.prepare('update sla_breaches set severity = 4').run()).rejects.toThrow(/facts/);
    await expect(env.DB.prepare('delete from sla_breaches').run()).rejects.toThrow(/facts/);
  });

  it('is recorded by the reply path when a late first response lands, before any cron run', async () => {
    const fx = await makeDesk();
    const a = agentApi(fx.agentToken);
    const t = await a.logTicket(fx.slug);
    await a.reply(t.id);
    expect(await breachesOf(t.id)).toMatchObject([
      { kind: 'first_response', severity: 1, business_minutes: 120, recorded_by: 'reply' },
    ]);
    const d = await a.detail(t.id);
    expect(d.events.find((e) => e.type === 'first_response')?.data).toMatchObject({ outcome: 'breached' });
    await runCronAt(Date.now());
    expect(await breachesOf(t.id)).toHaveLength(1);
  });

  it('records next-response and resolution breaches of order-form targets, cycle by cycle', async () => {
    const fx = await makeDesk({
      coverage: { ...standardCoverageJson, nextResponse: { '1': 60 }, resolution: { '1': 960 } },
      webhookUrl: 'https://hooks.example/sla',
    });
    const a = agentApi(fx.agentToken);
    const t = await a.logTicket(fx.slug, { receivedAt: new Date(Date.now() - 60_000).toISOString() });
    await a.reply(t.id);
    // The customer's follow-up starts next_response cycle 1; nobody answers it.
    await a.patch(t.id, { status: 'pending' });
    // Customer replies reach an agent-logged ticket by email; here straight through the reply core.
    const { addMessage } = await import('../../worker/tickets/reply');
    const { getDb } = await import('../../worker/db/client');
    const { findTicket } = await import('../../worker/db/tickets');
    const db = getDb(env.DB);
    await addMessage({
      db,
      deskId: fx.deskId,
      ticketId: t.id,
      customerTicket: await findTicket(db, fx.deskId, t.id),
      body: { body: 'Masih error.', public: true },
      now: Date.now(),
    });
    // Ten days on, both targets have long passed.
    await runCronAt(Date.now() + 10 * DAY);
    const rows = await breachesOf(t.id);
    expect(rows.map((r) => [r.kind, r.cycle, r.severity, r.business_minutes])).toEqual([
      ['next_response', 1, 1, 60],
      ['resolution', 1, 1, 960],
    ]);
    // Each later clock's breach goes to the desk's webhook once, naming the clock.
    await runCronAt(Date.now() + 10 * DAY + 60_000);
    const hooks = await env.DB.prepare(
      "select payload from webhook_deliveries where ticket_id = ? and dedupe_key like '%:sla.breached:%'",
    )
      .bind(t.id)
      .all<{ payload: string }>();
    expect(hooks.results.map((h) => JSON.parse(h.payload).clock).sort()).toEqual([
      'next_response',
      'resolution',
    ]);
  });
});
