import { and, eq, inArray, or } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { InboundRow } from '../attachments/inbound';
import { ticketIdFromMessageId } from '../email/outbound';
import type { Db } from './client';
import { customerReplyUpdates } from './customer-reply';
import { CUSTOMER, eventInsert } from './events';
import { attachments, messages, type Ticket, tickets } from './schema';

/** The ticket a message ID opened, or the ticket of a message carrying it, in one desk. */
export async function findByEmailMessageId(
  db: Db,
  deskId: string,
  messageId: string,
): Promise<{ ticket?: Ticket; replyMessageId?: string }> {
  const [opened] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.deskId, deskId), eq(tickets.emailMessageId, messageId)))
    .limit(1);
  if (opened) return { ticket: opened };
  const [reply] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.deskId, deskId), eq(messages.emailMessageId, messageId)))
    .limit(1);
  return reply ? { replyMessageId: reply.id } : {};
}

/**
 * The ticket a reply answers, from In-Reply-To/References: one of our own Message-IDs (it names the
 * ticket), the message that opened a ticket, or a message on a ticket. Newest reference first.
 */
export async function findThreadTicket(
  db: Db,
  deskId: string,
  references: string[],
  supportDomain: string,
): Promise<Ticket | undefined> {
  const ids = references.slice(0, 20);
  if (ids.length === 0) return undefined;
  const named = ids.map((id) => ticketIdFromMessageId(id, supportDomain)).filter((id): id is string => !!id);
  const viaMessages = await db
    .select({ ticketId: messages.ticketId })
    .from(messages)
    .where(and(eq(messages.deskId, deskId), inArray(messages.emailMessageId, ids)))
    .limit(1);
  const candidates = [...named, ...viaMessages.map((m) => m.ticketId)];
  const [hit] = await db
    .select()
    .from(tickets)
    .where(
      and(
        eq(tickets.deskId, deskId),
        candidates.length > 0
          ? or(inArray(tickets.id, candidates), inArray(tickets.emailMessageId, ids))
          : inArray(tickets.emailMessageId, ids),
      ),
    )
    .limit(1);
  return hit;
}

/** Insert statements for an email's attachment rows (worker/attachments/inbound.ts), on a message or the ticket. */
export function attachmentInserts(
  db: Db,
  rows: InboundRow[],
  messageId: string | null,
): BatchItem<'sqlite'>[] {
  return rows.map((r) => db.insert(attachments).values({ ...r, messageId }));
}

/** A customer's email reply on a ticket, written in one batch with its events and attachments. */
export interface EmailReply {
  ticket: Ticket;
  author: string;
  body: string;
  emailMessageId: string;
  /** Its attachments, already stored (worker/attachments/inbound.ts). */
  attachments: InboundRow[];
  now: number;
}

/**
 * Adds the reply as a public customer message; a ticket waiting on the customer (`pending`) goes
 * back to `open` with a `status_changed` event, as when the customer answers through the widget.
 * Rejects with the D1 UNIQUE error when the same Message-ID was stored meanwhile (redelivery race).
 */
export async function addEmailReply(
  db: Db,
  r: EmailReply,
): Promise<{ messageId: string; reopened: boolean }> {
  const id = crypto.randomUUID();
  const { ticket, now } = r;
  const reopened = ticket.status === 'pending';
  await db.batch([
    db.insert(messages).values({
      id,
      ticketId: ticket.id,
      deskId: ticket.deskId,
      authorType: 'customer',
      author: r.author,
      body: r.body,
      public: true,
      channel: 'email',
      emailMessageId: r.emailMessageId,
      createdAt: now,
    }),
    eventInsert(
      db,
      ticket,
      {
        type: 'message_added',
        by: CUSTOMER,
        data: {
          messageId: id,
          channel: 'email',
          authorType: 'customer',
          public: true,
          emailMessageId: r.emailMessageId,
        },
      },
      now,
    ),
    ...customerReplyUpdates(db, ticket, 'email', now),
    ...attachmentInserts(db, r.attachments, id),
  ]);
  return { messageId: id, reopened };
}

/** True when `err` (or its cause) is a UNIQUE violation on an email Message-ID column. */
export function isEmailDuplicate(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (
      /UNIQUE constraint failed: (?:tickets|messages)\.desk_id, (?:tickets|messages)\.email_message_id/.test(
        e.message,
      )
    ) {
      return true;
    }
  }
  return false;
}
