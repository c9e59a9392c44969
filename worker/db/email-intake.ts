import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from './client';
import { type Ticket, tickets } from './schema';

/** New email tickets one sender may open (and be acknowledged for) per hour; more join their latest open ticket. */
export const EMAIL_TICKETS_PER_SENDER_PER_HOUR = 5;
/** New email tickets (with acknowledgements) per organisation, or per desk for unknown ones, per hour. */
export const EMAIL_TICKETS_PER_ORGANISATION_PER_HOUR = 60;
const HOUR = 3_600_000;

/** What the last hour of email intake looks like for this sender and organisation. */
export interface EmailIntakeLoad {
  bySender: number;
  byOrganisation: number;
  /** The sender's newest ticket that is still open (new, open or pending), if any. */
  latestOpen?: Ticket;
}

/** Counts the email tickets of the last hour, from the sender and in the organisation (desk-scoped). */
export async function emailIntakeLoad(
  db: Db,
  {
    deskId,
    organisationId,
    sender,
    now,
  }: { deskId: string; organisationId: string | null; sender: string; now: number },
): Promise<EmailIntakeLoad> {
  const since = now - HOUR;
  const recent = and(eq(tickets.deskId, deskId), eq(tickets.channel, 'email'), gt(tickets.createdAt, since));
  const [counts, open] = await db.batch([
    db
      .select({
        bySender: sql<number>`sum(case when ${tickets.contactEmail} = ${sender} then 1 else 0 end)`,
        byOrganisation: sql<number>`count(*)`,
      })
      .from(tickets)
      .where(
        and(
          recent,
          organisationId === null
            ? isNull(tickets.organisationId)
            : eq(tickets.organisationId, organisationId),
        ),
      ),
    db
      .select()
      .from(tickets)
      .where(
        and(
          eq(tickets.deskId, deskId),
          eq(tickets.contactEmail, sender),
          inArray(tickets.status, ['new', 'open', 'pending']),
        ),
      )
      .orderBy(desc(tickets.createdAt))
      .limit(1),
  ]);
  return {
    bySender: counts[0]?.bySender ?? 0,
    byOrganisation: counts[0]?.byOrganisation ?? 0,
    latestOpen: open[0],
  };
}
