import { insertDeadLetter } from '../db/dead-letters';
import { failDeliveryKey } from '../db/delivery-keys';
import { dataDatabases, dbForDesk } from '../db/desk-database';
import { eventInsert, eventInsertIfChanged, SYSTEM } from '../db/events';
import { deliveryState, failDelivery } from '../db/webhook-claims';
import type { Env } from '../env';
import { DeliveryMessageSchema } from './messages';

/** Why a message was given up, as the records say it. */
const DEAD = 'dead-lettered: the queue gave up after its retries';

/**
 * The dead-letter queue's consumer: records each message that exhausted its retries, once per
 * message id, in `dead_letters`, and settles what it was about so admins and agents see it: a
 * webhook delivery becomes `failed` with a `webhook_failed` event (listed by the admin API, which can
 * redeliver it), a mail's key becomes `failed` with an `email_failed` event on the ticket.
 */
export async function recordDeadLetter(env: Env, id: string, body: unknown, now: number): Promise<void> {
  const parsed = DeliveryMessageSchema.safeParse(body);
  const raw = JSON.stringify(body ?? null).slice(0, 10_000);
  if (!parsed.success) {
    // Nothing says which desk: the first data database keeps it (the planes split may add a control one).
    const [home] = dataDatabases(env);
    if (home)
      await insertDeadLetter(
        home.db,
        {
          id,
          deskId: null,
          ticketId: null,
          kind: 'invalid',
          ref: null,
          body: raw,
          lastError: 'not a delivery message',
        },
        now,
      );
    return;
  }
  const m = parsed.data;
  const { db } = await dbForDesk(env, m.deskId, m.db);
  if (m.kind === 'webhook') {
    const state = await deliveryState(db, m.deliveryId);
    const lastError = state?.lastError ?? null;
    const ticket = state ? { id: state.ticketId, deskId: state.deskId } : null;
    await db.batch([
      insertDeadLetter(
        db,
        {
          id,
          deskId: m.deskId,
          ticketId: ticket?.id ?? null,
          kind: 'webhook',
          ref: m.deliveryId,
          body: raw,
          lastError,
        },
        now,
      ),
      failDelivery(db, m.deliveryId, `${DEAD}${lastError ? ` (${lastError})` : ''}`),
      ...(ticket && state
        ? [
            eventInsertIfChanged(
              db,
              ticket,
              {
                type: 'webhook_failed',
                by: SYSTEM,
                data: {
                  deliveryId: m.deliveryId,
                  event: state.event,
                  attempts: state.attempts,
                  lastError,
                  deadLettered: true,
                },
              },
              now,
            ),
          ]
        : []),
    ]);
    return;
  }
  const failed = await failDeliveryKey(db, m.key, now);
  const lastError = failed?.lastError ?? null;
  const ticket = { id: m.ticketId, deskId: m.deskId };
  await db.batch([
    insertDeadLetter(
      db,
      { id, deskId: m.deskId, ticketId: m.ticketId, kind: m.kind, ref: m.key, body: raw, lastError },
      now,
    ),
    // Only when this consumer gave the key up: a dead letter redelivered writes no second event.
    ...(failed
      ? [
          eventInsert(
            db,
            ticket,
            {
              type: 'email_failed',
              by: SYSTEM,
              data: {
                kind: m.kind,
                key: m.key,
                attempts: failed.attempts,
                reason: lastError ?? DEAD,
                deadLettered: true,
              },
            },
            now,
          ),
        ]
      : []),
  ]);
}
