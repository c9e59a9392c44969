import type { Severity } from '../../shared/schema';
import {
  type ReviewBreach,
  type ReviewTicket,
  type ServiceReview,
  serviceReview,
} from '../../shared/service-review';
import type { Coverage } from '../../shared/targets';
import { breachesOfTickets } from '../db/breaches';
import type { Db } from '../db/client';
import { historiesOf, ticketsReceivedBetween } from '../db/reports';
import type { Desk, Organisation } from '../db/schema';
import { clocksOf, ticketCoverage } from './clocks';

/** Most tickets one review reads (a larger range is refused rather than truncated). */
export const MAX_REVIEW_TICKETS = 5_000;

const groupBy = <T extends { ticketId: string }>(rows: readonly T[]) => {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(r.ticketId, [...(m.get(r.ticketId) ?? []), r]);
  return m;
};

/**
 * The service review of a desk (or one organisation) for tickets received in [from, to): every
 * ticket's clocks replayed at `now` on the policy it recorded, the breaches recorded for them, and
 * their escalations, aggregated by shared/service-review.ts. Null when the range holds more than
 * MAX_REVIEW_TICKETS tickets.
 */
export async function buildServiceReview(
  db: Db,
  q: { desk: Desk; organisation?: Organisation; from: number; to: number; now: number },
): Promise<ServiceReview | null> {
  const rows = await ticketsReceivedBetween(
    db,
    q.desk.id,
    q.from,
    q.to,
    q.organisation ? [q.organisation.id] : undefined,
  );
  if (rows.length > MAX_REVIEW_TICKETS) return null;
  const ids = rows.map((r) => r.id);
  const [history, breaches] = await Promise.all([historiesOf(db, ids), breachesOfTickets(db, ids)]);
  const events = groupBy(history.events);
  const msgs = groupBy(history.messages);
  const escs = groupBy(history.escalations);
  const coverages = new Map<string | null, Coverage>();
  const tickets: ReviewTicket[] = [];
  for (const ticket of rows) {
    let coverage = coverages.get(ticket.organisationId);
    if (!coverage) {
      coverage = await ticketCoverage(db, q.desk, ticket, q.now);
      coverages.set(ticket.organisationId, coverage);
    }
    const { clocks } = clocksOf({
      ticket,
      events: events.get(ticket.id) ?? [],
      messages: msgs.get(ticket.id) ?? [],
      coverage,
      now: q.now,
    });
    tickets.push({
      id: ticket.id,
      number: ticket.number,
      subject: ticket.subject,
      severity: ticket.severity as Severity,
      clocks,
      escalationTeams: (escs.get(ticket.id) ?? []).map((e) => e.team),
    });
  }
  const facts: ReviewBreach[] = breaches.map((b) => ({ ...b, severity: b.severity as Severity }));
  return serviceReview(tickets, facts);
}
