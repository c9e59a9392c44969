import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from './client';
import { tickets } from './schema';

/** Tickets of a desk (optionally of some organisations) created in [from, to), with what the SLA report reads. */
export async function ticketsForSlaReport(
  db: Db,
  deskId: string,
  from: number,
  to: number,
  organisationIds?: string[],
) {
  return db
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      organisationId: tickets.organisationId,
      severity: tickets.severity,
      createdAt: tickets.createdAt,
      receivedAt: tickets.receivedAt,
      firstResponseDueAt: tickets.firstResponseDueAt,
      firstResponseAt: tickets.firstResponseAt,
    })
    .from(tickets)
    .where(
      and(
        eq(tickets.deskId, deskId),
        organisationIds ? inArray(tickets.organisationId, organisationIds) : undefined,
        sql`${tickets.createdAt} >= ${from}`,
        lte(tickets.createdAt, to - 1),
      ),
    );
}
