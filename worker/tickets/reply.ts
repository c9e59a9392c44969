import type { BatchItem } from 'drizzle-orm/batch';
import type { z } from 'zod';
import type { MessageCreateSchema, MessageView } from '../../shared/agent-schema';
import type { Agent } from '../app-env';
import { type Claimant, claimProblem } from '../attachments/claim';
import { type AttachmentView, toAttachmentView } from '../attachments/view';
import { claimAttachments, ticketAttachmentsById } from '../db/attachments';
import { breachInserts } from '../db/breaches';
import type { Db } from '../db/client';
import { customerReplyUpdates } from '../db/customer-reply';
import { findDesk } from '../db/desks';
import { type Actor, agentActor, CUSTOMER, eventInsert, eventInsertIfChanged } from '../db/events';
import { findMessageByKey, isMessageKeyConflict } from '../db/replays';
import { answeredByAgent, insertMessage, recordFirstResponse } from '../db/replies';
import type { Message, Ticket } from '../db/schema';
import { findTicket, ticketHistory } from '../db/tickets';
import { ApiError, notFound } from '../errors';
import { assertSameRequest, type IdempotencyHashes, type Written, writeOnce } from '../idempotency';
import { breachFacts, settleTicketClocks } from './breaches';
import { clocksOf, ticketCoverage } from './clocks';
import { iso, toMessageView } from './view';

type MessageCreate = z.output<typeof MessageCreateSchema>;

/** The breach record of a first response landing after its due time, from the ticket's clocks just before it. */
async function lateFirstResponse(
  db: Db,
  ticket: Ticket,
  by: Actor,
  now: number,
): Promise<BatchItem<'sqlite'>[]> {
  const desk = await findDesk(db, ticket.deskId);
  if (!desk) return [];
  const [{ events, messages: msgs }, coverage] = await Promise.all([
    ticketHistory(db, ticket.id),
    ticketCoverage(db, desk, ticket, now),
  ]);
  const { clocks } = clocksOf({ ticket, events, messages: msgs, coverage, now });
  const facts = breachFacts(
    clocks.filter((c) => c.kind === 'first_response'),
    'reply',
  );
  return facts.flatMap((b) => breachInserts(db, ticket, b, by, now));
}

/**
 * The uploads a message names, checked (claim.ts): 400 `invalid_attachment` naming each one that may
 * not go on it.
 */
async function attachmentsToClaim(db: Db, ticketId: string, ids: string[], by: Claimant, now: number) {
  const rows = await ticketAttachmentsById(db, ticketId, ids);
  const problems = ids
    .map((id) => ({
      id,
      problem: claimProblem(
        rows.find((r) => r.id === id),
        by,
        now,
      ),
    }))
    .filter((p) => p.problem !== null);
  if (problems.length) {
    throw new ApiError(
      400,
      'invalid_attachment',
      'An attachment cannot go on this message: upload it first, on this ticket, as the same author.',
      problems.map((p) => ({ path: 'attachments', id: p.id, message: p.problem })),
    );
  }
  return ids.map((id) => rows.find((r) => r.id === id)).filter((r) => r !== undefined);
}

/** Who is writing and what: an agent (from the bearer token) or, without one, the ticket's customer. */
export type Reply = {
  db: Db;
  deskId: string;
  ticketId: string;
  agent?: Agent;
  /**
   * Without an agent, the customer's ticket as they proved it (routes/customer-proof.ts: its token or
   * their identity; or a live conversation link): read once by the proof, not again here.
   */
  customerTicket?: Ticket;
  body: MessageCreate;
  /** Idempotency-Key and request hashes, when the client sent a key. */
  hashes?: IdempotencyHashes;
  now: number;
};

/**
 * Stores a reply with its side effects in one batch: the first public agent reply records the first
 * response (met or breached) and the ticket then waits on the customer; a customer reply makes it wait
 * on the desk and reopens a pending one. For a retry with a known Idempotency-Key the stored reply is
 * returned: the batch fails on the key's unique index and rolls back whole, so a replay writes nothing.
 */
export async function addMessage({
  db,
  deskId,
  ticketId,
  agent,
  customerTicket,
  body,
  hashes,
  now,
}: Reply): Promise<Written<MessageView, Message>> {
  const ticket = agent ? await findTicket(db, deskId, ticketId) : customerTicket;
  // a customer writes only to the ticket they proved
  if (!ticket || ticket.id !== ticketId || ticket.deskId !== deskId) throw notFound('ticket');
  if (!agent) {
    if (!body.public) throw new ApiError(400, 'validation_failed', 'Customers cannot write internal notes.');
  }
  const ids = [...new Set(body.attachments ?? [])];
  let files: AttachmentView[] = [];
  if (ids.length) {
    // A retry of a reply that carried files finds them claimed by its first try: answer that one.
    const earlier = hashes && (await findMessageByKey(db, ticket.id, hashes.keyHash));
    if (earlier && hashes) {
      assertSameRequest(earlier.requestHash, hashes.requestHash);
      return { replayed: true, value: earlier };
    }
    const by: Claimant = agent ? { kind: 'agent', agentId: agent.id } : { kind: 'customer' };
    files = (await attachmentsToClaim(db, ticket.id, ids, by, now)).map(toAttachmentView);
  }
  const msg = {
    id: crypto.randomUUID(),
    ticketId: ticket.id,
    deskId: ticket.deskId,
    authorType: agent ? ('agent' as const) : ('customer' as const),
    author: agent ? agent.name : ticket.contactName,
    agentId: agent?.id ?? null,
    body: body.body,
    public: body.public,
    channel: agent ? ('api' as const) : ('widget' as const),
    emailMessageId: null,
    mailedAt: null,
    idempotencyKey: hashes?.keyHash ?? null,
    requestHash: hashes?.requestHash ?? null,
    createdAt: now,
  };
  const items: BatchItem<'sqlite'>[] = [];
  if (agent && body.public) {
    // The cron replays the clocks after the change (this answer stops some and may start none).
    items.push(answeredByAgent(db, ticket.id, now));
  }
  if (agent && body.public && ticket.firstResponseAt === null) {
    const outcome = now <= ticket.firstResponseDueAt ? 'met' : 'breached';
    items.push(
      recordFirstResponse(db, ticket, now),
      // Only when this reply was the one that set it: two racing replies record one first response.
      eventInsertIfChanged(
        db,
        ticket,
        {
          type: 'first_response',
          by: agentActor(agent),
          data: { outcome, firstResponseDueAt: iso(ticket.firstResponseDueAt), messageId: msg.id },
        },
        now,
      ),
    );
    // A late first response: the breach is recorded now, with the severity and target at the due time.
    if (outcome === 'breached') items.push(...(await lateFirstResponse(db, ticket, agentActor(agent), now)));
  }
  if (!agent) items.push(...customerReplyUpdates(db, ticket, 'widget', now));
  items.push(
    insertMessage(db, msg),
    eventInsert(
      db,
      ticket,
      {
        type: 'message_added',
        by: agent ? agentActor(agent) : CUSTOMER,
        data: {
          messageId: msg.id,
          channel: msg.channel,
          authorType: msg.authorType,
          public: msg.public,
          ...(ids.length ? { attachments: ids } : {}),
        },
      },
      now,
    ),
  );
  if (ids.length) items.push(claimAttachments(db, ticket.id, ids, msg.id));
  const [first, ...rest] = items;
  return writeOnce(
    hashes,
    async () => {
      if (first) await db.batch([first, ...rest]);
      // A public message moves clocks: settle the SLA summary now (an internal note moves none).
      if (msg.public) await settleTicketClocks(db, ticket.deskId, ticket.id, now);
      return files.length ? { ...toMessageView(msg), attachments: files } : toMessageView(msg);
    },
    isMessageKeyConflict,
    (keyHash) => findMessageByKey(db, ticket.id, keyHash),
  );
}
