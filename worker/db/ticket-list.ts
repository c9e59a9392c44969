import { and, asc, eq, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Severity, SlaState, Status } from '../../shared/schema';
import { NO_DUE } from '../../shared/sla-summary';
import type { Db } from './client';
import { agents, type Escalation, escalations, organisations, slaBreaches, tickets } from './schema';
import { slaCondition } from './sla';

/** The columns a ticket list shows (no description, environment or secrets), with organisation and assignee. */
export const ticketSummaryColumns = {
  id: tickets.id,
  number: tickets.number,
  legacyNumber: tickets.legacyNumber,
  organisationId: tickets.organisationId,
  organisationSlug: organisations.slug,
  organisationName: organisations.name,
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
  assigneeId: tickets.assigneeId,
  assigneeName: agents.name,
  waitingOn: tickets.waitingOn,
  receivedAt: tickets.receivedAt,
  clockStartsAt: tickets.clockStartsAt,
  firstResponseDueAt: tickets.firstResponseDueAt,
  atRiskAt: tickets.atRiskAt,
  slaClock: tickets.slaClock,
  slaDueAt: tickets.slaDueAt,
  slaAtRiskAt: tickets.slaAtRiskAt,
  slaRest: tickets.slaRest,
  firstResponseAt: tickets.firstResponseAt,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
};

export type TicketSummaryRow = Awaited<ReturnType<typeof listTickets>>[number];

/** Filters, order and keyset position of a desk's ticket list. */
export type TicketListQuery = {
  deskId: string;
  status?: Status[];
  severity?: Severity[];
  sla?: SlaState[];
  /** Only tickets with a clock still waiting for its answer (the SLA summary's due is set). */
  clockRunning?: boolean;
  /** Organisation ids (already resolved from slugs); an empty list matches nothing. */
  organisationIds?: string[];
  /** An agent id, or null for unassigned tickets. */
  assigneeId?: string | null;
  team?: string;
  /** Tickets escalated to any of these teams (an empty list matches nothing). */
  teams?: string[];
  /** Whether a first response was given (true) or not yet (false). */
  responded?: boolean;
  /** Tickets carrying this flag (e.g. `security_incident`). */
  flag?: string;
  waitingOn?: 'us' | 'customer';
  /** A breach of this clock (or any) is on the SLA record. */
  breach?: 'first_response' | 'next_response' | 'resolution' | 'any';
  /** Words to find in subject and description (FTS5). */
  q?: string;
  sort: 'due' | 'created';
  limit: number;
  /** Keyset position: rows strictly after (key, id) in the sort order. */
  after?: { key: number; id: string };
  now: number;
};

/**
 * The FTS5 query for free text: each word quoted (so no operator syntax reaches MATCH) and matched as a
 * prefix, all words required. Null when nothing searchable is left.
 */
export function ftsQuery(q: string): string | null {
  const words = q.match(/[\p{L}\p{N}_]+/gu)?.slice(0, 12) ?? [];
  return words.length ? words.map((w) => `"${w}"*`).join(' ') : null;
}

/**
 * One page of a desk's tickets across its organisations (limit + 1 rows, so the caller knows whether
 * there is a next page). Keyset pagination on (desk_id, first_response_due_at, id) or (desk_id,
 * created_at, id): no OFFSET, and every filter keeps that index walk (test/worker/tickets-list-plan.test.ts).
 */
export function listTickets(db: Db, q: TicketListQuery) {
  const key = q.sort === 'due' ? tickets.slaDueAt : tickets.createdAt;
  const where: (SQL | undefined)[] = [eq(tickets.deskId, q.deskId)];
  if (q.status?.length) where.push(inArray(tickets.status, q.status));
  if (q.severity?.length) where.push(inArray(tickets.severity, q.severity));
  if (q.sla?.length) {
    where.push(or(...q.sla.map((s) => slaCondition(s, q.now))));
    // Open-clock states bound the due time; stating it lets SQLite seek the due index instead of scanning.
    // The upper bound (a running clock's due is below NO_DUE) keeps the answered tickets out of the range.
    if (q.sort === 'due' && q.sla.every((s) => s === 'on_track' || s === 'at_risk'))
      where.push(sql`${key} > ${q.now} and ${key} < ${NO_DUE}`);
  }
  if (q.clockRunning) where.push(sql`${tickets.slaDueAt} < ${NO_DUE}`);
  if (q.organisationIds) {
    where.push(q.organisationIds.length ? inArray(tickets.organisationId, q.organisationIds) : sql`0`);
  }
  if (q.assigneeId !== undefined) {
    where.push(q.assigneeId === null ? isNull(tickets.assigneeId) : eq(tickets.assigneeId, q.assigneeId));
  }
  if (q.team) {
    where.push(
      sql`exists (select 1 from ${escalations} where ${escalations.ticketId} = ${tickets.id} and ${escalations.team} = ${q.team})`,
    );
  }
  if (q.teams) {
    where.push(
      q.teams.length
        ? sql`exists (select 1 from ${escalations} where ${escalations.ticketId} = ${tickets.id} and ${inArray(escalations.team, q.teams as Escalation['team'][])})`
        : sql`0`,
    );
  }
  if (q.waitingOn === 'us' && q.responded === true) {
    // Spelled as the partial index tickets_desk_customer_replied states it (literals, not bound values),
    // so SQLite can prove the index applies.
    where.push(sql`${tickets.waitingOn} = 'us' and ${tickets.firstResponseAt} is not null`);
  } else if (q.responded !== undefined) {
    where.push(q.responded ? isNotNull(tickets.firstResponseAt) : isNull(tickets.firstResponseAt));
  }
  if (q.flag) where.push(sql`exists (select 1 from json_each(${tickets.flags}) where value = ${q.flag})`);
  if (q.waitingOn) where.push(eq(tickets.waitingOn, q.waitingOn));
  if (q.breach) {
    where.push(
      q.breach === 'any'
        ? sql`exists (select 1 from ${slaBreaches} where ${slaBreaches.ticketId} = ${tickets.id})`
        : sql`exists (select 1 from ${slaBreaches} where ${slaBreaches.ticketId} = ${tickets.id} and ${slaBreaches.kind} = ${q.breach})`,
    );
  }
  if (q.q !== undefined) {
    const match = ftsQuery(q.q);
    where.push(
      match
        ? // The match's rowids only: reading its ticket_id column costs a row per match (~50 ms for a fifth of 100,000).
          sql`${tickets.searchRowid} in (select rowid from tickets_fts where tickets_fts match ${match})`
        : sql`0`,
    );
  }
  if (q.after) where.push(sql`(${key}, ${tickets.id}) > (${q.after.key}, ${q.after.id})`);
  return db
    .select(ticketSummaryColumns)
    .from(tickets)
    .leftJoin(organisations, eq(organisations.id, tickets.organisationId))
    .leftJoin(agents, eq(agents.id, tickets.assigneeId))
    .where(and(...where))
    .orderBy(asc(key), asc(tickets.id))
    .limit(q.limit + 1);
}

/** One ticket with the list's columns (organisation and assignee names), or undefined. */
export async function findTicketSummary(db: Db, deskId: string, id: string) {
  const rows = await db
    .select(ticketSummaryColumns)
    .from(tickets)
    .leftJoin(organisations, eq(organisations.id, tickets.organisationId))
    .leftJoin(agents, eq(agents.id, tickets.assigneeId))
    .where(and(eq(tickets.deskId, deskId), eq(tickets.id, id)))
    .limit(1);
  return rows[0];
}
