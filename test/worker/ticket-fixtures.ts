import { env } from 'cloudflare:workers';
import type { Severity } from '../../shared/schema';
import { compileCoverage, STANDARD_COVERAGE } from '../../shared/targets';
import { ticketClock } from '../../shared/ticket-clock';
import { getDb } from '../../worker/db/client';
import { type NewTicket, tickets } from '../../worker/db/schema';
import { sha256Hex } from './fixtures';

const standard = compileCoverage(STANDARD_COVERAGE);
let seq = 0;

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
  await getDb(env.DB).insert(tickets).values(row);
  return { ...row, accessToken, ticket: row as NewTicket & { id: string } };
}

/** Authorization header of an agent token. */
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
