import { and, eq, isNull, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { z } from 'zod';
import type { MessageCreateSchema, MessageView } from '../shared/agent-schema';
import type { Agent } from './app-env';
import { findTicket } from './db/agent-queries';
import type { Db } from './db/client';
import { customerReplyUpdates } from './db/customer-reply';
import { rawBatchItem } from './db/raw-batch';
import { findMessageByKey, isMessageKeyConflict } from './db/replays';
import { type Message, messages, type Ticket, ticketEvents, tickets } from './db/schema';
import { ApiError, notFound } from './errors';
import { type IdempotencyHashes, type Written, writeOnce } from './idempotency';
import { iso, toMessageView } from './ticket-view';
import { constantTimeEqual, sha256Hex } from './tokens';

type MessageCreate = z.output<typeof MessageCreateSchema>;

/** A customer may write only to the ticket whose access token they hold (constant-time hash compare). */
async function assertTicketToken(token: string | undefined, ticket: Ticket): Promise<void> {
  if (!token || token.length > 512 || !constantTimeEqual(await sha256Hex(token), ticket.accessTokenHash)) {
    throw notFound('ticket');
  }
}

/** Who is writing and what: an agent (from the bearer token) or, without one, the ticket's customer. */
export type Reply = {
  db: Db;
  tenantId: string;
  ticketId: string;
  agent?: Agent;
  ticketToken?: string;
  body: MessageCreate;
  /** Idempotency-Key and request hashes, when the client sent a key. */
  hashes?: IdempotencyHashes;
  now: number;
};

/**
 * Stores a reply with its side effects (first response, reopening) in one batch, or, for a retry with
 * a known Idempotency-Key, returns the stored reply: the batch fails on the key's unique index and
 * rolls back whole, so a replay writes nothing (no second first_response, no second reopening).
 */
export async function addMessage({
  db,
  tenantId,
  ticketId,
  agent,
  ticketToken,
  body,
  hashes,
  now,
}: Reply): Promise<Written<MessageView, Message>> {
  const ticket = await findTicket(db, tenantId, ticketId);
  if (!ticket) throw notFound('ticket');
  if (!agent) {
    await assertTicketToken(ticketToken, ticket);
    if (!body.public) throw new ApiError(400, 'validation_failed', 'Customers cannot write internal notes.');
  }
  const msg = {
    id: crypto.randomUUID(),
    ticketId: ticket.id,
    tenantId: ticket.tenantId,
    authorType: agent ? ('agent' as const) : ('customer' as const),
    author: agent ? agent.name : ticket.contactName,
    body: body.body,
    public: body.public,
    channel: agent ? ('api' as const) : ('widget' as const),
    emailMessageId: null,
    idempotencyKey: hashes?.keyHash ?? null,
    requestHash: hashes?.requestHash ?? null,
    createdAt: now,
  };
  const items: BatchItem<'sqlite'>[] = [];
  if (agent && body.public && ticket.firstResponseAt === null) {
    const actor = `agent:${agent.name}`;
    const outcome = now <= ticket.firstResponseDueAt ? 'met' : 'breached';
    items.push(
      db
        .update(tickets)
        .set({
          firstResponseAt: now,
          updatedAt: now,
          status: ticket.status === 'new' ? 'open' : ticket.status,
        })
        .where(and(eq(tickets.id, ticket.id), isNull(tickets.firstResponseAt))),
      // Only when this reply was the one that set it (changes() of the update): two racing replies record one.
      rawBatchItem(
        db,
        sql`insert into ${ticketEvents} (id, ticket_id, tenant_id, type, actor, data, created_at)
          select ${crypto.randomUUID()}, ${ticket.id}, ${ticket.tenantId}, 'first_response', ${actor},
            ${JSON.stringify({ outcome, firstResponseDueAt: iso(ticket.firstResponseDueAt), messageId: msg.id })}, ${now}
          where changes() = 1`,
      ),
    );
  }
  if (!agent) items.push(...customerReplyUpdates(db, ticket, 'widget', now));
  items.push(db.insert(messages).values(msg));
  const [first, ...rest] = items;
  return writeOnce(
    hashes,
    async () => {
      if (first) await db.batch([first, ...rest]);
      return toMessageView(msg);
    },
    isMessageKeyConflict,
    (keyHash) => findMessageByKey(db, ticket.tenantId, ticket.id, keyHash),
  );
}
