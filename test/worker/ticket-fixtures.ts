import { env } from 'cloudflare:workers';
import type { Severity } from '../../shared/schema';
import { NO_DUE } from '../../shared/sla-summary';
import { compileCoverage, STANDARD_COVERAGE } from '../../shared/targets';
import { ticketClock } from '../../shared/ticket-clock';
import { getDb } from '../../worker/db/client';
import { type NewTicket, tickets } from '../../worker/db/schema';
import { sha256Hex } from './fixtures';

const standard = compileCoverage(STANDARD_COVERAGE);
let seq = 0;

const pick = <T extends object>(o: T, keys: (keyof T)[]) =>
  Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));

/** Where a fixture ticket lives: its desk and (unless null) organisation. */
export type TicketHome = { deskId: string; organisationId: string | null };

/** Inserts a ticket row directly (standard coverage due times unless overridden); returns it with its access token. */
export async function makeTicket(
  home: TicketHome,
  overrides: Partial<NewTicket> & { severity?: Severity; createdAt?: number } = {},
) {
  const severity = overrides.severity ?? 3;
  const createdAt = overrides.createdAt ?? Date.now();
  const due = ticketClock(standard, severity, createdAt);
  const accessToken = `tok_${crypto.randomUUID()}`;
  seq += 1;
  const row: NewTicket = {
    id: `tkt_${crypto.randomUUID()}`,
    deskId: home.deskId,
    organisationId: home.organisationId,
    number: seq,
    channel: 'widget',
    subject: `Ticket ${seq}`,
    description: 'Something is broken.',
    category: 'problem',
    severity,
    severityRule: 'test',
    status: 'new',
    flags: [],
    inScope: true,
    contactName: 'Budi',
    contactEmail: 'budi@example.com',
    accessTokenHash: await sha256Hex(accessToken),
    replyToken: crypto.randomUUID(),
    receivedAt: createdAt,
    clockStartsAt: due.clockStartsAt,
    firstResponseDueAt: due.dueAt,
    atRiskAt: due.atRiskAt,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
  // The SLA summary as intake writes it for a ticket with only its first-response clock (as migration
  // 0010 backfills it): that clock decides while unanswered and open; otherwise nothing runs.
  const running = row.firstResponseAt == null && ['new', 'open', 'pending'].includes(row.status ?? 'new');
  const late = row.firstResponseAt != null && row.firstResponseAt > row.firstResponseDueAt;
  Object.assign(row, {
    slaClock: running ? 'first_response' : null,
    slaDueAt: running ? row.firstResponseDueAt : NO_DUE,
    slaAtRiskAt: running ? row.atRiskAt : NO_DUE,
    slaRest: late ? 'breached' : 'met',
    ...pick(overrides, ['slaClock', 'slaDueAt', 'slaAtRiskAt', 'slaRest']),
  });
  await getDb(env.DB).insert(tickets).values(row);
  return { ...row, accessToken, ticket: row as NewTicket & { id: string } };
}

/** Authorization header of an agent token. */
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
