import { and, desc, eq, gte } from 'drizzle-orm';
import type { Db } from './client';
import { isUniqueViolation } from './d1-errors';
import { type Escalation, escalations, type Message, messages } from './schema';

/** The ticket's reply written with this (hashed) Idempotency-Key, if any. */
export async function findMessageByKey(
  db: Db,
  ticketId: string,
  keyHash: string,
): Promise<Message | undefined> {
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.ticketId, ticketId), eq(messages.idempotencyKey, keyHash)))
    .limit(1);
  return row;
}

/** The ticket's escalation written with this (hashed) Idempotency-Key, if any. */
export async function findEscalationByKey(
  db: Db,
  ticketId: string,
  keyHash: string,
): Promise<Escalation | undefined> {
  const [row] = await db
    .select()
    .from(escalations)
    .where(and(eq(escalations.ticketId, ticketId), eq(escalations.idempotencyKey, keyHash)))
    .limit(1);
  return row;
}

/** True when a reply lost to another with the same (ticket, Idempotency-Key). */
export const isMessageKeyConflict = (err: unknown) =>
  isUniqueViolation(err, 'messages.ticket_id, messages.idempotency_key');

/** True when an escalation lost to another with the same (ticket, Idempotency-Key). */
export const isEscalationKeyConflict = (err: unknown) =>
  isUniqueViolation(err, 'escalations.ticket_id, escalations.idempotency_key');

/** The ticket's latest customer message since `since`, if its text is exactly `body`. */
export async function sameCustomerMessageSince(
  db: Db,
  ticketId: string,
  body: string,
  since: number,
): Promise<Message | undefined> {
  const [row] = await db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.ticketId, ticketId),
        eq(messages.authorType, 'customer'),
        gte(messages.createdAt, since),
      ),
    )
    .orderBy(desc(messages.createdAt))
    .limit(1);
  return row?.body === body ? row : undefined;
}
