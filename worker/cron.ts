import type { BatchItem } from 'drizzle-orm/batch';
import { moveBlobsToR2 } from './attachments/backfill';
import { sweepUnclaimedUploads } from './attachments/sweep';
import type { Db } from './db/client';
import { type DataDatabase, dataDatabases } from './db/desk-database';
import { CRON, eventInsertIfChanged } from './db/events';
import { expireIdempotencyKeys } from './db/idempotency-expiry';
import { markAnnounced, ticketsToAnnounce } from './db/sla-announce';
import { queueUnseenReplies } from './email/agent-reply';
import type { Env } from './env';
import { enqueueDueWebhooks, requeueStaleMail } from './queues/produce';
import { recordDueBreaches } from './tickets/breaches';
import { queueSuccessContacts } from './tickets/success-contact';
import { iso } from './tickets/view';
import { enqueueWebhook } from './webhooks';

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
 * The cron's work on one data database. It finds what is due and writes it down (SLA transitions,
 * breaches, webhook delivery rows, mail delivery keys) and puts the deliveries on the queues; it
 * sends nothing itself: the queue consumers (worker/queues/) do. Customer-success notices, unread
 * widget replies, due webhooks, then mail whose message was lost; and a few legacy attachment blobs
 * move to R2. Hourly: expired Idempotency-Keys and abandoned uploads are deleted.
 */
export async function runCronOn(env: Env, target: DataDatabase, now: number): Promise<void> {
  const { db } = target;
  await announceSlaTransitions(db, now);
  await recordDueBreaches(db, now);
  await queueSuccessContacts(env, target, now);
  await queueUnseenReplies(env, target, now);
  await enqueueDueWebhooks(env, target, now);
  await requeueStaleMail(env, target, now);
  // A few legacy D1 attachment blobs into R2 per run, until none is left.
  await moveBlobsToR2(db, env.ATTACHMENTS);
  // Once an hour is plenty for a 7-day TTL, and keeps the scans off the other 59 runs.
  if (new Date(now).getUTCMinutes() === 0) {
    await expireIdempotencyKeys(db, now);
    await sweepUnclaimedUploads(db, env.ATTACHMENTS, now);
  }
}

/** The scheduled handler: the cron's work on each data database in turn. */
export async function runCron(env: Env, now: number): Promise<void> {
  // Per database (issue 15): each scans only its own desks, so one large desk's database never delays
  // another's. Sequential, so D1's one writer per database sees one scan at a time; one database's
  // failure does not stop the others.
  for (const target of dataDatabases(env)) {
    try {
      await runCronOn(env, target, now);
    } catch (err) {
      console.error(`cron: database ${target.binding} failed`, err);
    }
  }
}

/** `scheduled` export of the Worker (cron every minute; the controller's time is "now"). */
export const scheduled: ExportedHandlerScheduledHandler<Env> = (controller, env, ctx) => {
  ctx.waitUntil(runCron(env, controller.scheduledTime));
};
