import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TicketCreated } from '../../shared/schema';
import { getDb } from '../../worker/db/client';
import { ticketEvents, tickets, webhookDeliveries } from '../../worker/db/schema';
import { listTickets } from '../../worker/db/ticket-list';
import worker from '../../worker/index';
import { makeDesk, standardCoverageJson } from './fixtures';
import { postTicket, ticketBody } from './intake-helpers';
import { agentApi, clockOf, customerReply } from './ticket-api';
import { bearer } from './ticket-fixtures';

// An order form with next-response and resolution targets for every severity.
const withTargets = {
  ...standardCoverageJson,
  nextResponse: { '1': 60, '2': 120, '3': 480, '4': 960 },
  resolution: { '1': 960, '2': 1920, '3': 4800, '4': 9600 },
};
const db = () => getDb(env.DB);
const ms = (iso: string | null | undefined) => Date.parse(iso as string);

type Item = { id: string; sla: string; slaClock: string | null; slaDueAt: string | null };

async function listItem(token: string, id: string, query = ''): Promise<Item | undefined> {
  const res = await exports.default.fetch(`http://api.test/v1/tickets?limit=100${query}`, {
    headers: bearer(token),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { tickets: Item[] };
  return body.tickets.find((t) => t.id === id);
}

async function runCronAt(scheduledTime: number) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime, cron: '* * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const ids = async (deskId: string, now: number, sla: ('on_track' | 'at_risk' | 'breached' | 'paused')[]) =>
  (await listTickets(db(), { deskId, sla, sort: 'due', limit: 100, now })).map((t) => t.id);

describe('the SLA summary: lists, badges and announcements over every clock', () => {
  beforeEach(() => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response('down', { status: 503 }));
  });
  afterEach(() => vi.restoreAllMocks());

  it('follows the clock due next through answer, pending, the customer’s reply and a next-response breach', async () => {
    const fx = await makeDesk({ coverage: withTargets, webhookUrl: 'https://hooks.example/in' });
    const a = agentApi(fx.agentToken);
    const t = (await (await postTicket(fx, ticketBody())).json()) as TicketCreated;

    // Unanswered: the first-response clock decides.
    expect(await listItem(fx.agentToken, t.id)).toMatchObject({
      sla: 'on_track',
      slaClock: 'first_response',
      slaDueAt: t.firstResponseDueAt,
    });

    // Answered: the first response is met and the resolution clock (960 min) is the one due next.
    await a.reply(t.id);
    let d = await a.detail(t.id);
    expect(await listItem(fx.agentToken, t.id)).toMatchObject({
      sla: 'on_track',
      slaClock: 'resolution',
      slaDueAt: clockOf(d, 'resolution')?.dueAt,
    });

    // Waiting on the customer: resolution pauses, nothing runs, the ticket is `paused` (and filterable so).
    await a.patch(t.id, { status: 'pending' });
    expect(await listItem(fx.agentToken, t.id)).toMatchObject({
      sla: 'paused',
      slaClock: null,
      slaDueAt: null,
    });
    expect(await listItem(fx.agentToken, t.id, '&sla=paused')).toBeDefined();
    expect(await listItem(fx.agentToken, t.id, '&sla=on_track')).toBeUndefined();

    // The customer replies: a next-response clock (60 min) starts and is due before resolution.
    await customerReply(fx.widgetKey, t.id, t.accessToken as string);
    d = await a.detail(t.id);
    const next = clockOf(d, 'next_response', 1) as unknown as { dueAt: string; atRiskAt: string };
    expect(next.dueAt).not.toBeNull();
    expect(await listItem(fx.agentToken, t.id)).toMatchObject({
      sla: 'on_track',
      slaClock: 'next_response',
      slaDueAt: next.dueAt,
    });

    // In SQL at later instants: at risk from the clock's at-risk instant, breached from its due time.
    const atRisk = ms(next.atRiskAt);
    const due = ms(next.dueAt);
    expect(atRisk).toBeLessThan(due);
    expect(await ids(fx.deskId, atRisk - 60_000, ['on_track'])).toContain(t.id);
    expect(await ids(fx.deskId, atRisk + 60_000, ['at_risk'])).toContain(t.id);
    expect(await ids(fx.deskId, due + 60_000, ['breached'])).toContain(t.id);

    // The cron announces the next-response clock at risk (event + webhook naming the clock) …
    await runCronAt(atRisk + 60_000);
    await runCronAt(atRisk + 120_000);
    const events = async () =>
      (await db().select().from(ticketEvents).where(eq(ticketEvents.ticketId, t.id))).filter((e) =>
        e.type.startsWith('sla_'),
      );
    const hooks = async () =>
      (await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.ticketId, t.id))).filter((h) =>
        h.event.startsWith('sla.'),
      );
    expect((await events()).map((e) => [e.type, (e.data as { clock?: string }).clock])).toEqual([
      ['sla_at_risk', 'next_response'],
    ]);
    const [hook] = await hooks();
    expect(JSON.parse(hook?.payload as string)).toMatchObject({
      event: 'sla.at_risk',
      clock: 'next_response',
      dueAt: next.dueAt,
    });

    // … then records its breach once: one breach event and one `sla.breached` webhook, however many runs.
    await runCronAt(due + 60_000);
    await runCronAt(due + 120_000);
    expect((await events()).map((e) => e.type)).toEqual(['sla_at_risk', 'sla_breach_recorded']);
    expect((await hooks()).map((h) => h.event)).toEqual(['sla.at_risk', 'sla.breached']);
    const [row] = await db().select().from(tickets).where(eq(tickets.id, t.id));
    expect(row).toMatchObject({ slaNotified: 'breached', slaClock: 'next_response', slaDueAt: due });

    // The agent answers: the next-response clock stops (breached, on record); resolution decides again.
    await a.reply(t.id, 'Sudah kami perbaiki.');
    expect((await listItem(fx.agentToken, t.id))?.slaClock).toBe('resolution');
  });

  it('keeps an overdue unanswered ticket at the top of the due order, before tickets answered long ago', async () => {
    const fx = await makeDesk();
    const a = agentApi(fx.agentToken);
    const answered = await a.logTicket(fx.slug);
    await a.reply(answered.id);
    const overdue = await a.logTicket(fx.slug, { subject: 'Masih mati' });
    const fresh = (await (await postTicket(fx, ticketBody({ subject: 'Baru' }))).json()) as TicketCreated;
    const res = await exports.default.fetch('http://api.test/v1/tickets?sort=due&limit=10', {
      headers: bearer(fx.agentToken),
    });
    const list = ((await res.json()) as { tickets: Item[] }).tickets;
    expect(list.map((t) => t.id)).toEqual([overdue.id, fresh.id, answered.id]);
    expect(list.map((t) => t.sla)).toEqual(['breached', 'on_track', 'breached']);
    // The answered one is breached on record with nothing running; the overdue one still waits.
    expect(list.map((t) => t.slaClock)).toEqual(['first_response', 'first_response', null]);
  });
});
