import type { BatchItem } from 'drizzle-orm/batch';
import { moveBlobsToR2 } from './attachments/backfill';
import type { Db } from './db/client';
import { getDb } from './db/client';
import { CRON, eventInsertIfChanged } from './db/events';
import { expireIdempotencyKeys } from './db/idempotency-expiry';
import { markAnnounced, ticketsToAnnounce } from './db/sla-announce';
import { mailUnseenReplies } from './email/agent-reply';
import type { Env } from './env';
import { recordDueBreaches } from './tickets/breaches';
import { noticeSuccessContacts } from './tickets/success-contact';
import { iso } from './tickets/view';
import { deliverDueWebhooks, enqueueWebhook } from './webhooks';

/** Tickets announced per cron run; the rest follow a minute later. */
export const SLA_BATCH = 100;

/**
 * Announces SLA transitions of the clock due next (first response, next response or resolution): per
 * ticket, the new `sla_notified`, an event and (when the desk has a webhook) a delivery row, all in
 * one batch. The update is conditional on the state it read, so two overlapping runs cannot announce
 * a transition twice; the delivery's dedupe key (with the clock and its due time, which a severity
 * change moves) makes the webhook fire once per transition. A later clock's breach is announced where
 * it is recorded (worker/db/breaches.ts), so here it only moves `sla_notified`.
 */
export async function announceSlaTransitions(db: Db, now: number, limit = SLA_BATCH): Promise<number> {
  const due = await ticketsToAnnounce(db, now, limit);
  const items: BatchItem<'sqlite'>[] = [];
  for (const t of due) {
    const state = t.dueAt <= now ? 'breached' : 'at_risk';
    const clock = t.clock ?? 'first_response';
    items.push(markAnnounced(db, t, state));
    if (state === 'breached' && clock !== 'first_response') continue;
    const dueAt = iso(t.dueAt);
    const dueField = clock === 'first_response' ? { firstResponseDueAt: dueAt } : {};
    items.push(
      // Only when the update above changed the row: no event when another run got there first.
      eventInsertIfChanged(
        db,
        t,
        {
          type: `sla_${state}`,
          by: CRON,
          data: { from: t.slaNotified, to: state, clock, dueAt, ...dueField },
        },
        now,
      ),
    );
    if (t.webhookUrl) {
      const event = `sla.${state}`;
      items.push(
        enqueueWebhook(db, {
          deskId: t.deskId,
          ticketId: t.id,
          event,
          dedupeKey:
            clock === 'first_response'
              ? `${t.id}:${event}:${t.dueAt}`
              : `${t.id}:${event}:${clock}:${t.dueAt}`,
          payload: {
            event,
            clock,
            ticket: { id: t.id, number: t.number, subject: t.subject, severity: t.severity },
            dueAt,
            ...dueField,
            at: iso(now),
          },
          now,
        }),
      );
    }
  }
  const [first, ...rest] = items;
  if (first) await db.batch([first, ...rest]);
  return due.length;
}

/**
 * The scheduled handler: announce SLA transitions, record breaches of every clock, tell customer-success
 * contacts of severity 1 tickets and breaches, send due webhooks and unseen replies, and move a few
 * legacy attachment blobs to R2.
 */
export async function runCron(env: Env, now: number): Promise<void> {
  const db = getDb(env.DB);
  await announceSlaTransitions(db, now);
  await recordDueBreaches(db, now);
  await noticeSuccessContacts(env, db, now);
  await deliverDueWebhooks(db, now, { environment: env.ENVIRONMENT });
  await mailUnseenReplies(env, now);
  // A few legacy D1 attachment blobs into R2 per run, until none is left.
  await moveBlobsToR2(db, env.ATTACHMENTS);
  // Once an hour is plenty for a 7-day TTL, and keeps the scans off the other 59 runs.
  if (new Date(now).getUTCMinutes() === 0) await expireIdempotencyKeys(db, now);
}

/** `scheduled` export of the Worker (cron every minute; the controller's time is "now"). */
export const scheduled: ExportedHandlerScheduledHandler<Env> = (controller, env, ctx) => {
  ctx.waitUntil(runCron(env, controller.scheduledTime));
};
