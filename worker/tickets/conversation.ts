import type { ConversationItem } from '../../shared/conversation-schema';
import type { Severity, Status } from '../../shared/schema';
import { isDownloadable, toAttachmentView } from '../attachments/view';
import { attachmentsOfMessages } from '../db/attachments';
import type { Db } from '../db/client';
import { type ConversationCursor, conversationAfter } from '../db/conversation';
import type { Ticket } from '../db/schema';
import { findTicket } from '../db/tickets';
import { notFound } from '../errors';
import type { VerifiedIdentity } from '../identity';
import { constantTimeEqual, sha256Hex } from '../tokens';
import { iso } from './view';

/** The start of a conversation. */
export const CURSOR_START: ConversationCursor = { message: 0, event: 0 };

/** `m<rowid>.e<rowid>` ⇄ cursor; null for anything else. */
export function encodeConversationCursor(c: ConversationCursor): string {
  return `m${c.message}.e${c.event}`;
}
export function decodeConversationCursor(s: string): ConversationCursor | null {
  const m = /^m(\d{1,15})\.e(\d{1,15})$/.exec(s);
  return m ? { message: Number(m[1]), event: Number(m[2]) } : null;
}

/** Whether `token` is this ticket's access token (constant-time compare of the hashes). */
export async function holdsTicketToken(ticket: Pick<Ticket, 'accessTokenHash'>, token: string | undefined) {
  return !!token && token.length <= 512 && constantTimeEqual(await sha256Hex(token), ticket.accessTokenHash);
}

/**
 * Whether a verified identity is the ticket's user: the same user id in the organisation the identity
 * resolved to (customer-proof.ts identityOf: the widget key's, else the token's `org`, else none), as at
 * intake. A token without `org` is no wildcard: two organisations may both have a user "42".
 */
export function isTicketUser(
  ticket: Pick<Ticket, 'userId' | 'organisationId'>,
  identity: VerifiedIdentity | null,
  organisationId: string | null,
) {
  if (identity?.via !== 'identity_token' || ticket.userId !== identity.userId) return false;
  return ticket.organisationId === organisationId;
}

/**
 * The desk's ticket a customer may read: they hold its access token, or their verified identity is its
 * user. Anything else is the same 404 as a ticket that does not exist.
 */
export async function customerTicket(
  db: Db,
  deskId: string,
  ticketId: string,
  proof: { ticketToken?: string; identity: VerifiedIdentity | null; identityOrganisationId: string | null },
): Promise<Ticket> {
  const ticket = await findTicket(db, deskId, ticketId);
  if (!ticket) throw notFound('ticket');
  if (await holdsTicketToken(ticket, proof.ticketToken)) return ticket;
  if (isTicketUser(ticket, proof.identity, proof.identityOrganisationId)) return ticket;
  throw notFound('ticket');
}

/** The status changes a customer is told about (the others are the desk's business). */
const VISIBLE_STATUSES = new Set<Status>(['open', 'pending', 'resolved', 'closed']);

/** A conversation page: public messages and visible status changes after the cursor, oldest first. */
export async function readConversation(db: Db, ticket: Ticket, after: ConversationCursor) {
  const { messages, events } = await conversationAfter(db, ticket.id, after);
  // Only public messages are read, so only their files are listed: never an internal note's.
  const files = (
    await attachmentsOfMessages(
      db,
      messages.map((m) => m.id),
    )
  ).filter(isDownloadable);
  const items: (ConversationItem & { order: number })[] = [];
  for (const m of messages) {
    // A public `system` message is a notice from the desk (e.g. out of scope): shown as the desk's.
    const fromDesk = m.authorType !== 'customer';
    const mine = files.filter((f) => f.messageId === m.id).map(toAttachmentView);
    items.push({
      kind: 'message',
      id: m.id,
      from: fromDesk ? 'agent' : 'customer',
      // The contact's own name, never the address their mail came from; agents by name only.
      name: fromDesk ? m.author : ticket.contactName,
      body: m.body,
      createdAt: iso(m.createdAt),
      ...(mine.length ? { attachments: mine } : {}),
      order: m.createdAt,
    });
  }
  for (const e of events) {
    const to = (e.data as { to?: Status } | null)?.to;
    if (!to || !VISIBLE_STATUSES.has(to)) continue;
    items.push({ kind: 'status', id: e.id, status: to, createdAt: iso(e.createdAt), order: e.createdAt });
  }
  items.sort((a, b) => a.order - b.order);
  const cursor = {
    message: messages.at(-1)?.rowid ?? after.message,
    event: events.at(-1)?.rowid ?? after.event,
  };
  return {
    ticket: {
      id: ticket.id,
      number: ticket.number,
      subject: ticket.subject,
      status: ticket.status,
      severity: ticket.severity as Severity,
      firstResponseDueAt: iso(ticket.firstResponseDueAt),
      firstResponseAt: ticket.firstResponseAt === null ? null : iso(ticket.firstResponseAt),
    },
    items: items.map(({ order: _order, ...item }) => item as ConversationItem),
    cursor: encodeConversationCursor(cursor),
  };
}
