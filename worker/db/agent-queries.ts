import { and, asc, eq, gt, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Severity, SlaState, Status } from '../../shared/schema';
import { slaCondition } from '../sla-sql';
import type { Db } from './client';
import { agentTokens, messages, tenants, ticketEvents, tickets } from './schema';

/** An agent token row and its tenant, looked up by the token's SHA-256 hex. */
export async function findAgentByTokenHash(db: Db, tokenHash: string) {
  const rows = await db
    .select({ token: agentTokens, tenant: tenants })
    .from(agentTokens)
    .innerJoin(tenants, eq(tenants.id, agentTokens.tenantId))
    .where(eq(agentTokens.tokenHash, tokenHash))
    .limit(1);
  return rows[0];
}

/** The columns a ticket list shows (no description, environment or secrets). */
export const ticketSummaryColumns = {
  id: tickets.id,
  number: tickets.number,
  channel: tickets.channel,
  subject: tickets.subject,
  category: tickets.category,
  severity: tickets.severity,
  severityRule: tickets.severityRule,
  status: tickets.status,
  flags: tickets.flags,
  inScope: tickets.inScope,
  contactName: tickets.contactName,
  contactEmail: tickets.contactEmail,
  assignee: tickets.assignee,
  clockStartsAt: tickets.clockStartsAt,
  firstResponseDueAt: tickets.firstResponseDueAt,
  atRiskAt: tickets.atRiskAt,
  firstResponseAt: tickets.firstResponseAt,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
};

export type TicketSummaryRow = Awaited<ReturnType<typeof listTickets>>[number];

/** Filters, order and keyset position of a ticket list. */
export type TicketListQuery = {
  tenantId: string;
  status?: Status[];
  severity?: Severity[];
  sla?: SlaState;
  sort: 'due' | 'created';
  limit: number;
  /** Keyset position: rows strictly after (key, id) in the sort order. */
  after?: { key: number; id: string };
  now: number;
};

/**
 * One page of a tenant's tickets (limit + 1 rows, so the caller knows whether there is a next page).
 * Keyset pagination on (tenant_id, first_response_due_at, id) or (tenant_id, created_at, id): no OFFSET.
 */
export function listTickets(db: Db, q: TicketListQuery) {
  const key = q.sort === 'due' ? tickets.firstResponseDueAt : tickets.createdAt;
  const where: (SQL | undefined)[] = [eq(tickets.tenantId, q.tenantId)];
  if (q.status?.length) where.push(inArray(tickets.status, q.status));
  if (q.severity?.length) where.push(inArray(tickets.severity, q.severity));
  if (q.sla) {
    where.push(slaCondition(q.sla, q.now));
    // Open-clock states bound the due time; stating it lets SQLite seek the due index instead of scanning.
    if (q.sort === 'due' && (q.sla === 'on_track' || q.sla === 'at_risk')) where.push(gt(key, q.now));
  }
  if (q.after) where.push(sql`(${key}, ${tickets.id}) > (${q.after.key}, ${q.after.id})`);
  return db
    .select(ticketSummaryColumns)
    .from(tickets)
    .where(and(...where))
    .orderBy(asc(key), asc(tickets.id))
    .limit(q.limit + 1);
}

/** A ticket of this tenant, or undefined (another tenant's ticket is not found either). */
export async function findTicket(db: Db, tenantId: string, id: string) {
  const rows = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, id)))
    .limit(1);
  return rows[0];
}

/** A ticket's audit trail and messages, oldest first. */
export async function ticketHistory(db: Db, ticketId: string) {
  const [events, msgs] = await db.batch([
    db
      .select()
      .from(ticketEvents)
      .where(eq(ticketEvents.ticketId, ticketId))
      .orderBy(asc(ticketEvents.createdAt), sql`rowid`), // same instant: insertion order
    db
      .select()
      .from(messages)
      .where(eq(messages.ticketId, ticketId))
      .orderBy(asc(messages.createdAt), sql`rowid`),
  ]);
  return { events, messages: msgs };
}

/** Tickets of a tenant created in [from, to), with what the SLA report reads. */
export async function ticketsForSlaReport(db: Db, tenantId: string, from: number, to: number) {
  return db
    .select({
      severity: tickets.severity,
      createdAt: tickets.createdAt,
      firstResponseDueAt: tickets.firstResponseDueAt,
      firstResponseAt: tickets.firstResponseAt,
    })
    .from(tickets)
    .where(
      and(
        eq(tickets.tenantId, tenantId),
        sql`${tickets.createdAt} >= ${from}`,
        lte(tickets.createdAt, to - 1),
      ),
    );
}
