import { and, eq, inArray, or } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { ticketIdFromMessageId } from '../email/outbound';
import type { InboundAttachment } from '../email/parse';
import type { Db } from './client';
import { customerReplyUpdates } from './customer-reply';
import { CUSTOMER, eventInsert } from './events';
import { attachments, messages, type Organisation, type Ticket, tickets } from './schema';

/** D1 refuses a BLOB over 2,000,000 bytes; stay below it whatever the organisation's cap says. */
export const D1_MAX_BLOB_BYTES = 1_900_000;

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

/** Attachment settings when the organisation is unknown: metadata only. */
const NO_CONTENT = { storeAttachments: false, attachmentMaxBytes: 0 };

/** Insert statements for a message's attachments: always metadata, content only if the organisation allows and it fits. */
export function attachmentInserts(
  db: Db,
  settings: Pick<Organisation, 'storeAttachments' | 'attachmentMaxBytes'> | null,
  ticketId: string,
  messageId: string | null,
  files: InboundAttachment[],
  now: number,
): BatchItem<'sqlite'>[] {
  const org = settings ?? NO_CONTENT;
  const cap = Math.min(org.attachmentMaxBytes, D1_MAX_BLOB_BYTES);
  return files.map((f) =>
    db.insert(attachments).values({
      id: crypto.randomUUID(),
      ticketId,
      messageId,
      filename: f.filename?.slice(0, 255) ?? null,
      contentType: f.contentType.slice(0, 127),
      size: f.size,
      content: org.storeAttachments && f.size <= cap ? Buffer.from(f.content) : null,
      createdAt: now,
    }),
  );
}

/** A customer's email reply on a ticket, written in one batch with its events and attachments. */
export interface EmailReply {
  ticket: Ticket;
  organisation: Pick<Organisation, 'storeAttachments' | 'attachmentMaxBytes'> | null;
  author: string;
  body: string;
  emailMessageId: string;
  files: InboundAttachment[];
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
    ...attachmentInserts(db, r.organisation, ticket.id, id, r.files, now),
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
