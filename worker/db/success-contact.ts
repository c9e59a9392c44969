import { and, asc, eq, gte, isNotNull, sql } from 'drizzle-orm';
import type { Db } from './client';
import { desks, organisations, slaBreaches, ticketEvents, tickets } from './schema';

/** A notice not yet sent: `email_sent` or `email_failed` of kind `success_contact` with this key exists. */
const notYetNoticed = (key: 'reason' | 'breachId', value: unknown, ticketId: unknown) =>
  sql`not exists (select 1 from ${ticketEvents} e where e.ticket_id = ${ticketId}
    and e.type in ('email_sent', 'email_failed')
    and json_extract(e.data, '$.kind') = 'success_contact'
    and json_extract(e.data, ${`$.${key}`}) = ${value})`;

/** No delivery key recorded yet (the same key as mailKey.successContact in worker/queues/messages.ts). */
const notYetQueued = (key: unknown) => sql`not exists (select 1 from delivery_keys k where k.key = ${key})`;

const noticeColumns = {
  ticket: tickets,
  organisation: organisations,
  desk: { slug: desks.slug, name: desks.name },
};

/**
 * Severity 1 tickets created since `since` whose organisation has a customer-success contact and
 * who has not been told yet (oldest first).
 */
export function severityOneToNotice(db: Db, since: number, limit: number) {
  return db
    .select(noticeColumns)
    .from(tickets)
    .innerJoin(organisations, eq(organisations.id, tickets.organisationId))
    .innerJoin(desks, eq(desks.id, tickets.deskId))
    .where(
      and(
        eq(tickets.severity, 1),
        gte(tickets.createdAt, since),
        isNotNull(organisations.successContactEmail),
        notYetNoticed('reason', 'severity_1', tickets.id),
        notYetQueued(sql`'success_contact:' || ${tickets.id} || ':severity_1'`),
      ),
    )
    .orderBy(asc(tickets.createdAt))
    .limit(limit);
}

/** Breaches recorded since `since` (by the cron or a late reply) not yet told to the organisation's contact. */
export function breachesToNotice(db: Db, since: number, limit: number) {
  return db
    .select({ ...noticeColumns, breach: slaBreaches })
    .from(slaBreaches)
    .innerJoin(tickets, eq(tickets.id, slaBreaches.ticketId))
    .innerJoin(organisations, eq(organisations.id, tickets.organisationId))
    .innerJoin(desks, eq(desks.id, tickets.deskId))
    .where(
      and(
        gte(slaBreaches.createdAt, since),
        isNotNull(organisations.successContactEmail),
        notYetNoticed('breachId', slaBreaches.id, tickets.id),
        notYetQueued(sql`'success_contact:breach:' || ${slaBreaches.id}`),
      ),
    )
    .orderBy(asc(slaBreaches.createdAt))
    .limit(limit);
}

/** One notice as a mail message names it: the ticket, its organisation and desk, and the breach if any. */
export async function noticeOf(db: Db, ticketId: string, breachId?: string) {
  const base = { ...noticeColumns, breach: slaBreaches };
  const [row] = await db
    .select(base)
    .from(tickets)
    .innerJoin(organisations, eq(organisations.id, tickets.organisationId))
    .innerJoin(desks, eq(desks.id, tickets.deskId))
    .leftJoin(slaBreaches, and(eq(slaBreaches.ticketId, tickets.id), eq(slaBreaches.id, breachId ?? '')))
    .where(eq(tickets.id, ticketId));
  return row;
}
