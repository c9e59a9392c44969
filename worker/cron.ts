import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from './db/client';
import { getDb } from './db/client';
import { ALL_DATABASES } from './db/databases';
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
 * Announces SLA transitions: per ticket, the new `sla_notified`, an event and (when the desk has
 * a webhook) a delivery row, all in one batch. The update is conditional on the state it read, so
 * two overlapping runs cannot announce a transition twice; the delivery's dedupe key (with the due
 * time, which a severity change moves) makes the webhook fire once per transition.
 */
export async function announceSlaTransitions(db: Db, now: number, limit = SLA_BATCH): Promise<number> {
  const due = await ticketsToAnnounce(db, now, limit);
  const items: BatchItem<'sqlite'>[] = [];
  for (const t of due) {
    const state = t.dueAt <= now ? 'breached' : 'at_risk';
    items.push(
      markAnnounced(db, t, state),
      // Only when the update above changed the row: no event when another run got there first.
      eventInsertIfChanged(
        db,
        t,
        {
          type: `sla_${state}`,
          by: CRON,
          data: { from: t.slaNotified, to: state, firstResponseDueAt: iso(t.dueAt) },
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
          dedupeKey: `${t.id}:${event}:${t.dueAt}`,
          payload: {
            event,
            ticket: { id: t.id, number: t.number, subject: t.subject, severity: t.severity },
            firstResponseDueAt: iso(t.dueAt),
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
 * contacts of severity 1 tickets and breaches, then send due webhooks.
 */
export async function runCron(env: Env, now: number): Promise<void> {
  // Per database (issue 15): each scans only its own desks, so one large desk's database never
  // delays another's. Sequential, so the 2 cores of a local run and D1's one writer per database
  // see one scan at a time; one database's failure does not stop the others.
  for (const name of ALL_DATABASES) {
    try {
      await runCronOn(env, getDb(env[name]), now);
    } catch (err) {
      console.error(`cron: database ${name} failed`, err);
    }
  }
}

/** The cron's work on one database. */
export async function runCronOn(env: Env, db: Db, now: number): Promise<void> {
  await announceSlaTransitions(db, now);
  await recordDueBreaches(db, now);
  await noticeSuccessContacts(env, db, now);
  await deliverDueWebhooks(db, now, { environment: env.ENVIRONMENT });
  await mailUnseenReplies(env, now, db);
  // Once an hour is plenty for a 7-day TTL, and keeps the scans off the other 59 runs.
  if (new Date(now).getUTCMinutes() === 0) await expireIdempotencyKeys(db, now);
}

/** `scheduled` export of the Worker (cron every minute; the controller's time is "now"). */
export const scheduled: ExportedHandlerScheduledHandler<Env> = (controller, env, ctx) => {
  ctx.waitUntil(runCron(env, controller.scheduledTime));
};
