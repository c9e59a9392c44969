import { and, eq, inArray, or } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../db/client';
import { customerReplyUpdates } from '../db/customer-reply';
import { eventRow } from '../db/events';
import { attachments, messages, type Tenant, type Ticket, ticketEvents, tickets } from '../db/schema';
import { ticketIdFromMessageId } from './outbound';
import type { InboundAttachment } from './parse';

/** D1 refuses a BLOB over 2,000,000 bytes; stay below it whatever the tenant's cap says. */
export const D1_MAX_BLOB_BYTES = 1_900_000;

/** The ticket a message ID opened, or the ticket of a message carrying it, in one tenant. */
export async function findByEmailMessageId(
  db: Db,
  tenantId: string,
  messageId: string,
): Promise<{ ticket?: Ticket; replyMessageId?: string }> {
  const [opened] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.emailMessageId, messageId)))
    .limit(1);
  if (opened) return { ticket: opened };
  const [reply] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.tenantId, tenantId), eq(messages.emailMessageId, messageId)))
    .limit(1);
  return reply ? { replyMessageId: reply.id } : {};
}

/**
 * The ticket a reply answers, from In-Reply-To/References: one of our own Message-IDs (it names the
 * ticket), the message that opened a ticket, or a message on a ticket. Newest reference first.
 */
export async function findThreadTicket(
  db: Db,
  tenantId: string,
  references: string[],
  supportDomain: string,
): Promise<Ticket | undefined> {
  const ids = references.slice(0, 20);
  if (ids.length === 0) return undefined;
  const named = ids.map((id) => ticketIdFromMessageId(id, supportDomain)).filter((id): id is string => !!id);
  const viaMessages = await db
    .select({ ticketId: messages.ticketId })
    .from(messages)
    .where(and(eq(messages.tenantId, tenantId), inArray(messages.emailMessageId, ids)))
    .limit(1);
  const candidates = [...named, ...viaMessages.map((m) => m.ticketId)];
  const [hit] = await db
    .select()
    .from(tickets)
    .where(
      and(
        eq(tickets.tenantId, tenantId),
        candidates.length > 0
          ? or(inArray(tickets.id, candidates), inArray(tickets.emailMessageId, ids))
          : inArray(tickets.emailMessageId, ids),
      ),
    )
    .limit(1);
  return hit;
}

/** Insert statements for a message's attachments: always metadata, content only if the tenant allows and it fits. */
export function attachmentInserts(
  db: Db,
  tenant: Pick<Tenant, 'storeAttachments' | 'attachmentMaxBytes'>,
  ticketId: string,
  messageId: string | null,
  files: InboundAttachment[],
  now: number,
): BatchItem<'sqlite'>[] {
  const cap = Math.min(tenant.attachmentMaxBytes, D1_MAX_BLOB_BYTES);
  return files.map((f) =>
    db.insert(attachments).values({
      id: crypto.randomUUID(),
      ticketId,
      messageId,
      filename: f.filename?.slice(0, 255) ?? null,
      contentType: f.contentType.slice(0, 127),
      size: f.size,
      content: tenant.storeAttachments && f.size <= cap ? Buffer.from(f.content) : null,
      createdAt: now,
    }),
  );
}

/** A customer's email reply on a ticket, written in one batch with its events and attachments. */
export interface EmailReply {
  ticket: Ticket;
  tenant: Pick<Tenant, 'storeAttachments' | 'attachmentMaxBytes'>;
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
      tenantId: ticket.tenantId,
      authorType: 'customer',
      author: r.author,
      body: r.body,
      public: true,
      channel: 'email',
      emailMessageId: r.emailMessageId,
      createdAt: now,
    }),
    db.insert(ticketEvents).values(
      eventRow(
        ticket,
        {
          type: 'message_added',
          actor: 'customer',
          data: { messageId: id, channel: 'email', authorType: 'customer', emailMessageId: r.emailMessageId },
        },
        now,
      ),
    ),
    ...customerReplyUpdates(db, ticket, 'email', now),
    ...attachmentInserts(db, r.tenant, ticket.id, id, r.files, now),
  ]);
  return { messageId: id, reopened };
}

/** True when `err` (or its cause) is a UNIQUE violation on an email Message-ID column. */
export function isEmailDuplicate(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (
      /UNIQUE constraint failed: (?:tickets|messages)\.tenant_id, (?:tickets|messages)\.email_message_id/.test(
        e.message,
      )
    ) {
      return true;
    }
  }
  return false;
}
