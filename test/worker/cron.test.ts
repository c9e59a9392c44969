import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../worker/db/client';
import { ticketEvents, tickets, webhookDeliveries } from '../../worker/db/schema';
import worker from '../../worker/index';
import { makeDesk } from './fixtures';
import { drainQueues } from './queue-helpers';
import { makeTicket } from './ticket-fixtures';

const wib = (s: string) => Date.parse(`${s}+07:00`);

async function runCronAt(scheduledTime: number) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime, cron: '* * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

async function stateOf(id: string) {
  const db = getDb(env.DB);
  const [t] = await db.select({ sla: tickets.slaNotified }).from(tickets).where(eq(tickets.id, id));
  const events = await db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, id));
  const hooks = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.ticketId, id));
  return { sla: t?.sla, events: events.map((e) => e.type), hooks: hooks.map((h) => h.event) };
}

describe('SLA cron', () => {
  // The webhook consumer sends due webhooks, including rows left by earlier tests in this file (D1 is
  // per file): the receiver is always this stub, so nothing leaves the isolate.
  const receiverCalls: string[] = [];
  beforeEach(() => {
    receiverCalls.length = 0;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (url) => {
      receiverCalls.push(String(url));
      return new Response('down', { status: 503 });
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('announces at_risk then breached once each: event, sla_notified and a webhook row', async () => {
    // The receiver is down (the stub answers 503): deliveries stay pending, which is what this test looks at.
    const { deskId, organisationId } = await makeDesk({ webhookUrl: 'https://hooks.example/in' });
    const t = await makeTicket(
      { deskId, organisationId },
      { severity: 1, createdAt: wib('2026-11-30T09:00:00') },
    ); // due 11:00, at risk after 10:30
    await runCronAt(wib('2026-11-30T10:00:00'));
    expect(await stateOf(t.id)).toEqual({ sla: 'on_track', events: [], hooks: [] });
    await runCronAt(wib('2026-11-30T10:31:00'));
    await runCronAt(wib('2026-11-30T10:32:00'));
    expect(await stateOf(t.id)).toEqual({ sla: 'at_risk', events: ['sla_at_risk'], hooks: ['sla.at_risk'] });
    await runCronAt(wib('2026-11-30T11:00:00'));
    await runCronAt(wib('2026-11-30T11:05:00'));
    expect(await stateOf(t.id)).toEqual({
      sla: 'breached',
      events: ['sla_at_risk', 'sla_breached'],
      hooks: ['sla.at_risk', 'sla.breached'],
    });
    // The cron only queued the deliveries; the webhook consumer calls the receiver.
    expect(receiverCalls).toEqual([]);
    await drainQueues();
    expect(receiverCalls).toContain('https://hooks.example/in');
  });

  it('leaves answered and closed tickets alone and jumps straight to breached when a run was missed', async () => {
    const { deskId, organisationId } = await makeDesk();
    const created = wib('2026-11-30T09:00:00');
    const answered = await makeTicket(
      { deskId, organisationId },
      {
        severity: 1,
        createdAt: created,
        firstResponseAt: created + 60_000,
      },
    );
    const closed = await makeTicket(
      { deskId, organisationId },
      { severity: 1, createdAt: created, status: 'closed' },
    );
    const late = await makeTicket({ deskId, organisationId }, { severity: 1, createdAt: created });
    await runCronAt(wib('2026-11-30T12:00:00'));
    expect(await stateOf(answered.id)).toEqual({ sla: 'on_track', events: [], hooks: [] });
    expect(await stateOf(closed.id)).toEqual({ sla: 'on_track', events: [], hooks: [] });
    // No webhook URL configured: event only.
    expect(await stateOf(late.id)).toEqual({ sla: 'breached', events: ['sla_breached'], hooks: [] });
  });
});
