import { and, eq } from 'drizzle-orm';
import type { Agent } from '../app-env';
import { coverageOf } from '../coverage';
import { findAgent } from '../db/agents';
import type { Db } from '../db/client';
import { findOrganisation } from '../db/desks';
import { agentActor, eventInsert } from '../db/events';
import { type Desk, tickets } from '../db/schema';
import { findTicket } from '../db/tickets';
import { ApiError, notFound } from '../errors';
import { planTicketPatch, type TicketPatch } from './patch';

/** What an agent asks to change, as the API and the console receive it (references unresolved). */
export type TicketChange = Omit<TicketPatch, 'assigneeId' | 'organisation'> & {
  /** An agent id of the desk, `me`, or null to unassign. */
  assignee?: string | null;
  /** Organisation slug or id. */
  organisation?: string;
};

const invalid = (path: string, message: string) =>
  new ApiError(400, 'validation_failed', 'The request is not valid.', [{ path, message }]);

/**
 * Resolves a change's references (assignee, organisation and the coverages involved), plans it with
 * planTicketPatch and writes the ticket update and its audit events in one batch. Used by
 * PATCH /v1/tickets/{id} and by the console's forms. Returns the ticket's id; 404 for another desk's.
 */
export async function applyTicketChange(
  db: Db,
  {
    desk,
    agent,
    ticketId,
    change,
    now,
  }: { desk: Desk; agent: Agent; ticketId: string; change: TicketChange; now: number },
): Promise<string> {
  const ticket = await findTicket(db, desk.id, ticketId);
  if (!ticket) throw notFound('ticket');
  const assigneeId =
    change.assignee === undefined ? undefined : change.assignee === 'me' ? agent.id : change.assignee;
  if (assigneeId && !(await findAgent(db, desk.id, assigneeId)))
    throw invalid('assignee', 'no such agent in this desk');
  let organisation: TicketPatch['organisation'];
  if (change.organisation !== undefined) {
    const row = await findOrganisation(db, desk.id, change.organisation);
    if (!row) throw invalid('organisation', 'no such organisation in this desk');
    organisation = { row, coverage: (await coverageOf(db, row, now)).coverage };
  }
  const current = ticket.organisationId
    ? await findOrganisation(db, desk.id, ticket.organisationId)
    : undefined;
  const { coverage } = await coverageOf(db, current ?? desk, now);
  const { assignee: _a, organisation: _o, ...rest } = change;
  const plan = planTicketPatch(ticket, { ...rest, assigneeId, organisation }, coverage);
  if (plan.events.length > 0) {
    const by = agentActor(agent);
    await db.batch([
      db
        .update(tickets)
        .set({ ...plan.set, updatedAt: now })
        .where(and(eq(tickets.id, ticket.id), eq(tickets.deskId, desk.id))),
      ...plan.events.map((e) => eventInsert(db, ticket, { type: e.type, by, data: e.data }, now)),
    ]);
  }
  return ticket.id;
}
