import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCronOn } from '../../worker/cron';
import { getDb } from '../../worker/db/client';
import { deadLetters, deliveryKeys, organisations, webhookDeliveries } from '../../worker/db/schema';
import { queueWidgetConfirmation } from '../../worker/email/confirmation';
import { MAIL_ATTEMPTS } from '../../worker/queues/backoff';
import type { MailMessage } from '../../worker/queues/messages';
import { MAX_WEBHOOK_ATTEMPTS } from '../../worker/webhooks';
import wranglerToml from '../../wrangler.toml?raw';
import { captureMail } from './email-helpers';
import { makeDesk } from './fixtures';
import { consume, drainQueues, takeOutbox } from './queue-helpers';
import { makeTicket } from './ticket-fixtures';

const db = () => getDb(env.DB);
const target = () => ({ db: db(), binding: 'DB' });
const MIN = 60_000;

/** A desk with a webhook and a customer-success contact, and one pending delivery of a fresh ticket. */
async function deskWithDelivery(now = Date.now()) {
  const fx = await makeDesk({ webhookUrl: 'https://hooks.example/q' });
  const t = await makeTicket(fx);
  const dedupeKey = `q:${crypto.randomUUID()}`;
  await db()
    .insert(webhookDeliveries)
    .values({
      id: `wd_${crypto.randomUUID()}`,
      deskId: fx.deskId,
      ticketId: t.id,
      event: 'sla.breached',
      dedupeKey,
      payload: JSON.stringify({ event: 'sla.breached', ticket: { id: t.id } }),
      nextAttemptAt: now,
      createdAt: now,
    });
  const [row] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.dedupeKey, dedupeKey));
  if (!row) throw new Error('no delivery');
  return { ...fx, ticket: t, delivery: row };
}

const webhookMessage = (d: { id: string; deskId: string }) => ({
  v: 1,
  kind: 'webhook',
  deskId: d.deskId,
  db: 'DB',
  deliveryId: d.id,
});

const keyOf = async (key: string) =>
  (await db().select().from(deliveryKeys).where(eq(deliveryKeys.key, key)))[0];

describe('delivery through the queues', () => {
  let receiver: string[];
  beforeEach(() => {
    takeOutbox();
    receiver = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => {
      receiver.push(new Headers(init?.headers).get('X-Kinobi-Delivery') ?? '');
      return new Response('ok');
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('delivers a webhook message once through the Worker’s queue handler, and acks it', async () => {
    const { delivery } = await deskWithDelivery();
    const [h] = await consume('kinobi-webhooks', [webhookMessage(delivery)]);
    expect(h).toMatchObject({ acked: true });
    expect(receiver).toEqual([delivery.id]);
    // The same message again (at-least-once): acked, nothing sent.
    const [again] = await consume('kinobi-webhooks', [webhookMessage(delivery)], { attempts: 2 });
    expect(again).toMatchObject({ acked: true });
    expect(receiver).toEqual([delivery.id]);
  });

  it('has the cron find and queue what is due, and send nothing itself', async () => {
    const now = Date.now();
    const { deskId, organisationId, delivery } = await deskWithDelivery(now);
    await db()
      .update(organisations)
      .set({ successContactEmail: 'sinta@kinobi.example' })
      .where(eq(organisations.id, organisationId));
    const critical = await makeTicket({ deskId, organisationId }, { severity: 1, createdAt: now });
    const mail = captureMail();
    await runCronOn(env, target(), now + 1000);
    expect(receiver).toEqual([]);
    expect(mail.spy).not.toHaveBeenCalled();
    const queued = takeOutbox();
    // Every message names its desk and the binding of its database.
    expect(queued.map((q) => [q.queue, q.body])).toEqual(
      expect.arrayContaining([
        ['kinobi-webhooks', webhookMessage(delivery)],
        [
          'kinobi-mail',
          expect.objectContaining({
            kind: 'success_contact',
            deskId,
            db: 'DB',
            ticketId: critical.id,
            key: `success_contact:${critical.id}:severity_1`,
          }),
        ],
      ]),
    );
    expect(await keyOf(`success_contact:${critical.id}:severity_1`)).toMatchObject({ status: 'queued' });
  });

  it('queues each delivery once when two cron runs overlap, and once more only when the message seems lost', async () => {
    const now = Date.now();
    const { deskId, organisationId, delivery } = await deskWithDelivery(now);
    await db()
      .update(organisations)
      .set({ successContactEmail: 'sinta@kinobi.example' })
      .where(eq(organisations.id, organisationId));
    const critical = await makeTicket({ deskId, organisationId }, { severity: 1, createdAt: now });
    await Promise.all([runCronOn(env, target(), now + 1000), runCronOn(env, target(), now + 1000)]);
    const mine = (q: { body: { kind: string } & Record<string, unknown> }) =>
      q.body.deliveryId === delivery.id || q.body.ticketId === critical.id;
    const queued = takeOutbox().filter(mine);
    expect(queued.map((q) => q.body.kind).sort()).toEqual(['success_contact', 'webhook']);
    // The next minute's run finds them in flight and queues nothing.
    await runCronOn(env, target(), now + MIN);
    expect(takeOutbox().filter(mine)).toEqual([]);
    // Nobody consumed them for longer than the grace: the cron queues them again (the consumer dedupes).
    await runCronOn(env, target(), now + 20 * MIN);
    expect(
      takeOutbox()
        .filter(mine)
        .map((q) => q.body.kind)
        .sort(),
    ).toEqual(['success_contact', 'webhook']);
  });

  it('sends a mail once when its message is delivered twice, one after the other or at once', async () => {
    const fx = await makeDesk();
    const t = await makeTicket(fx, { contactVerified: true, contactEmail: 'twice@customer.example' });
    const mail = captureMail();
    expect(await queueWidgetConfirmation(env, t)).toBe(1);
    // Asked for again (a retried request): the key exists, nothing more is queued.
    expect(await queueWidgetConfirmation(env, t)).toBe(0);
    const [queued] = takeOutbox();
    if (!queued) throw new Error('nothing queued');
    await Promise.all([consume('kinobi-mail', [queued.body]), consume('kinobi-mail', [queued.body])]);
    await consume('kinobi-mail', [queued.body], { attempts: 2 });
    await mail.settled();
    expect(mail.spy).toHaveBeenCalledTimes(1);
    expect(mail.sent.map((m) => m.to)).toEqual(['twice@customer.example']);
    expect(await keyOf(`confirmation:${t.id}`)).toMatchObject({
      status: 'done',
      attempts: 1,
      messageId: expect.stringMatching(/^kinobi\./),
    });
  });

  it('retries only the message that failed, not the whole batch', async () => {
    const fx = await makeDesk();
    const ok = await makeTicket(fx, { contactVerified: true, contactEmail: 'ok@customer.example' });
    const bad = await makeTicket(fx, { contactVerified: true, contactEmail: 'bounce@customer.example' });
    const sent: string[] = [];
    vi.spyOn(env.EMAIL, 'send').mockImplementation(async (msg: unknown) => {
      const to = (msg as { to: string }).to;
      if (to.startsWith('bounce')) throw new Error('mailbox unavailable');
      sent.push(to);
      return { messageId: 'stub' };
    });
    await queueWidgetConfirmation(env, ok);
    await queueWidgetConfirmation(env, bad);
    const handled = await drainQueues();
    expect(sent).toEqual(['ok@customer.example']);
    const byTicket = new Map(handled.map((h) => [(h.body as MailMessage).ticketId, h]));
    expect(byTicket.get(ok.id)).toMatchObject({ acked: true });
    expect(byTicket.get(bad.id)?.retryDelaySeconds).toBeGreaterThanOrEqual(60);
    expect(await keyOf(`confirmation:${bad.id}`)).toMatchObject({
      status: 'queued',
      lastError: 'mailbox unavailable',
    });
  });

  it('records a dead-lettered webhook: failed with the reason, an event, a dead letter, and the admin can redeliver it', async () => {
    const { deskId, ticket, delivery } = await deskWithDelivery();
    await db()
      .update(webhookDeliveries)
      .set({ attempts: 3, lastError: 'HTTP 502' })
      .where(eq(webhookDeliveries.id, delivery.id));
    const [h] = await consume('kinobi-dead-letters', [webhookMessage(delivery)]);
    expect(h).toMatchObject({ acked: true });
    await consume('kinobi-dead-letters', [webhookMessage(delivery)]);
    const [row] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id));
    expect(row).toMatchObject({ status: 'failed', lastError: expect.stringContaining('dead-lettered') });
    const events = await env.DB.prepare(
      "select data from ticket_events where ticket_id = ? and type = 'webhook_failed'",
    )
      .bind(ticket.id)
      .all<{ data: string }>();
    expect(events.results.map((e) => JSON.parse(e.data))).toEqual([
      expect.objectContaining({
        deliveryId: delivery.id,
        attempts: 3,
        lastError: 'HTTP 502',
        deadLettered: true,
      }),
    ]);
    expect(await db().select().from(deadLetters).where(eq(deadLetters.ref, delivery.id))).toHaveLength(2);
    const admin = (method: string, path: string) =>
      exports.default.fetch(`http://x/v1/admin/desks/${deskId}${path}`, {
        method,
        headers: { Authorization: 'Bearer test-admin-secret' },
      });
    const listed = (await (await admin('GET', '/dead-letters')).json()) as { deadLetters: { ref: string }[] };
    expect(listed.deadLetters.map((d) => d.ref)).toEqual([delivery.id, delivery.id]);
    expect((await admin('POST', `/webhook-deliveries/${delivery.id}/redeliver`)).status).toBe(202);
  });

  it('records an unreadable message as a dead letter at once instead of retrying it', async () => {
    const [h] = await consume('kinobi-mail', [{ kind: 'confirmation', nonsense: true }]);
    expect(h).toMatchObject({ acked: true });
    const rows = await db().select().from(deadLetters).where(eq(deadLetters.kind, 'invalid'));
    expect(rows.map((r) => JSON.parse(r.body))).toContainEqual({ kind: 'confirmation', nonsense: true });
  });

  it('keeps wrangler.toml’s max_retries equal to the attempts the consumers count on', () => {
    const consumers = [
      ...wranglerToml.matchAll(/\[\[queues\.consumers\]\]\s+queue = "([^"]+)"[\s\S]*?max_retries = (\d+)/g),
    ];
    const retries = Object.fromEntries(consumers.map((m) => [m[1], Number(m[2])]));
    expect(retries['kinobi-webhooks']).toBe(MAX_WEBHOOK_ATTEMPTS - 1);
    expect(retries['kinobi-mail']).toBe(MAIL_ATTEMPTS - 1);
    // The dead-letter queue has a consumer of its own, or locally its messages are dropped.
    expect(Object.keys(retries)).toContain('kinobi-dead-letters');
    expect(wranglerToml.match(/dead_letter_queue = "kinobi-dead-letters"/g)).toHaveLength(2);
  });
});
