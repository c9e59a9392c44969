import { evaluateEnvironment } from '../../shared/environment';
import type { EnvironmentReport } from '../../shared/schema';
import type { Agent } from '../app-env';
import { coverageSummary } from '../coverage';
import { decodeCursor, encodeCursor } from '../cursor';
import { listAgents } from '../db/agents';
import { attachmentsOfTicket } from '../db/attachments';
import type { Db } from '../db/client';
import { findOrganisation, findOrganisations, listOrganisations } from '../db/desks';
import type { Desk } from '../db/schema';
import { findTicketSummary, listTickets, type TicketListQuery } from '../db/ticket-list';
import { findTicket, ticketHistory } from '../db/tickets';
import { notFound } from '../errors';
import { clocksOf, ticketCoverage } from '../tickets/clocks';
import { cannedFor } from './canned';
import { formatTime } from './format';
import { OPEN_STATUSES, type QueueQuery, viewFilter } from './queue-views';
import type { DeskLang } from './strings';

/** Tickets per queue page. */
export const QUEUE_PAGE_SIZE = 50;

/** The queue's rows for a view and its filters, by due time, with the cursor of the next page. */
export async function loadQueueRows(
  db: Db,
  { desk, agent, query: q, now }: { desk: Desk; agent: Agent; query: QueueQuery; now: number },
) {
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  const organisationIds = q.organisation
    ? (await findOrganisations(db, desk.id, [q.organisation])).map((o) => o.id)
    : undefined;
  const assigneeId =
    q.assignee === undefined
      ? undefined
      : q.assignee === 'me'
        ? agent.id
        : q.assignee === 'none'
          ? null
          : q.assignee;
  const list: TicketListQuery = {
    deskId: desk.id,
    status: q.status ? [q.status] : [...OPEN_STATUSES],
    severity: q.severity ? [q.severity] : undefined,
    organisationIds,
    assigneeId,
    team: q.team,
    q: q.q,
    ...viewFilter(q.view, agent),
    sort: 'due',
    limit: QUEUE_PAGE_SIZE,
    after: after && after.sort === 'due' ? after : undefined,
    now,
  };
  // A view's own assignee (Mine) wins over the filter; the filter still narrows the others.
  if (q.view === 'mine') list.assigneeId = agent.id;
  const rows = await listTickets(db, list);
  const page = rows.slice(0, QUEUE_PAGE_SIZE);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > QUEUE_PAGE_SIZE && last
      ? encodeCursor({ sort: 'due', key: last.slaDueAt, id: last.id })
      : null;
  return { rows: page, nextCursor };
}

/** What the queue's filter selects offer: the desk's organisations and agents. */
export async function loadQueueChoices(db: Db, deskId: string) {
  const [organisations, agents] = await Promise.all([listOrganisations(db, deskId), listAgents(db, deskId)]);
  return { organisations, agents };
}

/** A ticket of the desk with its history, organisation, coverage, environment verdict and canned replies. */
export async function loadTicketPage(
  db: Db,
  {
    desk,
    agent,
    ticketId,
    lang,
    now,
  }: { desk: Desk; agent: Agent; ticketId: string; lang: DeskLang; now: number },
) {
  const [ticket, summary] = await Promise.all([
    findTicket(db, desk.id, ticketId),
    findTicketSummary(db, desk.id, ticketId),
  ]);
  if (!ticket || !summary) throw notFound('ticket');
  const [{ events, messages }, attachments, organisation, agents, clockCoverage] = await Promise.all([
    ticketHistory(db, ticket.id),
    attachmentsOfTicket(db, ticket.id),
    ticket.organisationId ? findOrganisation(db, desk.id, ticket.organisationId) : Promise.resolve(undefined),
    listAgents(db, desk.id),
    ticketCoverage(db, desk, ticket, now),
  ]);
  const { clocks } = clocksOf({ ticket, events, messages, coverage: clockCoverage, now });
  const report = ticket.environment as EnvironmentReport | null;
  const customerLang: DeskLang = ticket.locale === 'en' ? 'en' : 'id';
  const canned = (l: DeskLang) => ({
    lang: l,
    label: l === 'id' ? 'Bahasa Indonesia' : 'English',
    replies: cannedFor(l, {
      name: ticket.contactName,
      number: String(ticket.number),
      agent: agent.name,
      due: formatTime(ticket.firstResponseDueAt, l),
    }),
  });
  return {
    ticket,
    summary,
    events,
    messages,
    clocks,
    attachments,
    organisation,
    coverage: coverageSummary(organisation ?? desk),
    environment: report ? { report, verdict: evaluateEnvironment(report) } : undefined,
    agents,
    // The customer's language first: that is the one a reply is usually written in.
    canned: customerLang === 'id' ? [canned('id'), canned('en')] : [canned('en'), canned('id')],
    lang,
  };
}
