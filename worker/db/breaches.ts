import { and, asc, eq, isNotNull, lte, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from './client';
import { type Actor, eventInsertIfChanged } from './events';
import { rawBatchItem } from './raw-batch';
import { type SlaBreach, slaBreaches, type Ticket, tickets } from './schema';

/** A breach about to be recorded (shared/clocks.ts found it; the id and time of recording are added here). */
export type BreachFact = Pick<
  SlaBreach,
  'kind' | 'cycle' | 'severity' | 'businessMinutes' | 'dueAt' | 'breachedAt'
> & { recordedBy: 'cron' | 'reply' };

/**
 * The statements that record a breach once: an INSERT that does nothing when the (ticket, clock,
 * cycle) is already recorded, then an `sla_breach_recorded` event only when that insert wrote a
 * row. Whoever notices first (cron or reply path) writes it; nobody ever changes it (the table's
 * triggers refuse UPDATE and DELETE).
 */
export function breachInserts(
  db: Db,
  ticket: Pick<Ticket, 'id' | 'deskId' | 'organisationId'>,
  b: BreachFact,
  by: Actor,
  now: number,
): BatchItem<'sqlite'>[] {
  return [
    db
      .insert(slaBreaches)
      .values({
        id: crypto.randomUUID(),
        ticketId: ticket.id,
        deskId: ticket.deskId,
        organisationId: ticket.organisationId,
        ...b,
        createdAt: now,
      })
      .onConflictDoNothing(),
    eventInsertIfChanged(
      db,
      ticket,
      {
        type: 'sla_breach_recorded',
        by,
        data: {
          clock: b.kind,
          cycle: b.cycle,
          severity: b.severity,
          businessMinutes: b.businessMinutes,
          dueAt: new Date(b.dueAt).toISOString(),
          breachedAt: new Date(b.breachedAt).toISOString(),
        },
      },
      now,
    ),
    // The first-response breach is announced by the cron's SLA transitions; a later clock's breach is
    // announced here, once (dedupe key), and only to a desk that has a webhook.
    ...(b.kind === 'first_response' ? [] : [breachWebhook(db, ticket, b, now)]),
  ];
}

/** A `sla.breached` webhook delivery for a next-response or resolution breach, if the desk has a webhook. */
function breachWebhook(db: Db, ticket: Pick<Ticket, 'id' | 'deskId'>, b: BreachFact, now: number) {
  const payload = JSON.stringify({
    event: 'sla.breached',
    clock: b.kind,
    cycle: b.cycle,
    ticket: { id: ticket.id, severity: b.severity },
    dueAt: new Date(b.dueAt).toISOString(),
    breachedAt: new Date(b.breachedAt).toISOString(),
    at: new Date(now).toISOString(),
  });
  return rawBatchItem(
    db,
    sql`insert into webhook_deliveries (id, desk_id, ticket_id, event, dedupe_key, payload, status, attempts, next_attempt_at, created_at)
      select ${crypto.randomUUID()}, ${ticket.deskId}, ${ticket.id}, 'sla.breached',
        ${`${ticket.id}:sla.breached:${b.kind}:${b.cycle}`}, ${payload}, 'pending', 0, ${now}, ${now}
      from desks where desks.id = ${ticket.deskId} and desks.webhook_url is not null
      on conflict(dedupe_key) do nothing`,
  );
}

/** Tickets whose clocks are due for a replay (`clock_check_at <= now`), earliest first. */
export function ticketsDueForClockCheck(db: Db, now: number, limit: number): Promise<Ticket[]> {
  return db
    .select()
    .from(tickets)
    .where(and(isNotNull(tickets.clockCheckAt), lte(tickets.clockCheckAt, now)))
    .orderBy(asc(tickets.clockCheckAt))
    .limit(limit);
}

/**
 * Writes a replay's outcome: the next clock check (moved from `seen`, only if nobody changed it
 * meanwhile — a reply or patch sets it to "now" so the next run looks again) and the SLA summary.
 * When the clock due next is another clock or due at another time, its announcements start over.
 */
export function settleClocks(
  db: Db,
  id: string,
  seen: number,
  next: number | null,
  summary: Pick<Ticket, 'slaClock' | 'slaDueAt' | 'slaAtRiskAt' | 'slaRest'>,
) {
  return db
    .update(tickets)
    .set({
      clockCheckAt: next,
      ...summary,
      slaNotified: sql`case when ${tickets.slaClock} is ${summary.slaClock} and ${tickets.slaDueAt} = ${summary.slaDueAt} then ${tickets.slaNotified} else 'on_track' end`,
    })
    .where(and(eq(tickets.id, id), eq(tickets.clockCheckAt, seen)));
}

/** A ticket of a desk, read for a replay of its clocks. */
export const ticketForReplay = (db: Db, id: string) =>
  db.select().from(tickets).where(eq(tickets.id, id)).get();

/** The recorded breaches of some tickets, in the order they happened. */
export function breachesOfTickets(db: Db, ticketIds: string[]): Promise<SlaBreach[]> {
  if (ticketIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(slaBreaches)
    .where(sql`${slaBreaches.ticketId} in (select value from json_each(${JSON.stringify(ticketIds)}))`)
    .orderBy(asc(slaBreaches.breachedAt), asc(slaBreaches.kind));
}
