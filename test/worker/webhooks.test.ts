import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../worker/db/client';
import { webhookDeliveries } from '../../worker/db/schema';
import { enqueueDueWebhooks } from '../../worker/queues/produce';
import { hmacSha256Hex } from '../../worker/tokens';
import { enqueueWebhook, MAX_WEBHOOK_ATTEMPTS, nextAttemptAfterFailure } from '../../worker/webhooks';
import { makeDesk } from './fixtures';
import { consume, drainQueues, type Handled, takeOutbox } from './queue-helpers';
import { makeTicket } from './ticket-fixtures';

const db = () => getDb(env.DB);
const MIN = 60_000;

/** What the cron and the webhook consumer do at `now`: put the due deliveries on the queue, then send them. */
async function deliverDue(now: number, { random }: { random?: () => number } = {}) {
  await enqueueDueWebhooks(env, { db: db(), binding: 'DB' }, now);
  return tally(await drainQueues({ now: () => now, ...(random ? { random } : {}) }));
}

/** How the handled messages' deliveries stand: delivered, failed, or retrying (still pending). */
async function tally(handled: Handled[]) {
  const counts = { delivered: 0, failed: 0, retrying: 0 };
  for (const h of handled) {
    if (h.body.kind !== 'webhook') continue;
    const [r] = await db()
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, h.body.deliveryId));
    if (r?.status === 'delivered') counts.delivered++;
    else if (r?.status === 'failed') counts.failed++;
    else counts.retrying++;
  }
  return counts;
}

async function queue(deskId: string, ticketId: string, now: number, key: string = crypto.randomUUID()) {
  await enqueueWebhook(db(), {
    deskId,
    ticketId,
    event: 'sla.breached',
    dedupeKey: key,
    payload: { event: 'sla.breached', ticket: { id: ticketId } },
    now,
  });
  return key;
}
const row = async (key: string) =>
  (await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.dedupeKey, key)))[0];

describe('webhooks', () => {
  afterEach(() => vi.restoreAllMocks());

  it('POSTs the JSON body signed with t=<unix>,v1=HMAC-SHA256("<t>.<body>") and marks it delivered', async () => {
    const { deskId, organisationId } = await makeDesk({ webhookUrl: 'https://hooks.example/in' });
    const t = await makeTicket({ deskId, organisationId });
    const now = Date.UTC(2026, 10, 30, 3, 0, 0);
    const key = await queue(deskId, t.id, now);
    const calls: { url: string; init: RequestInit }[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (url, init) => {
      calls.push({ url: String(url), init: init ?? {} });
      return new Response('ok');
    });
    expect(await deliverDue(now)).toMatchObject({ delivered: 1 });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    if (!call) throw new Error('no webhook call');
    const headers = new Headers(call.init.headers);
    const body = String(call.init.body);
    expect(call.url).toBe('https://hooks.example/in');
    expect(JSON.parse(body)).toEqual({ event: 'sla.breached', ticket: { id: t.id } });
    const t0 = Math.floor(now / 1000);
    expect(headers.get('X-Kinobi-Signature')).toBe(
      `t=${t0},v1=${await hmacSha256Hex('whsec_test', `${t0}.${body}`)}`,
    );
    expect(await row(key)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(await deliverDue(now + MIN)).toMatchObject({ delivered: 0 });
  });

  it('retries a failing receiver with backoff 1, 2, 4 … minutes (at most 8 h apart) and gives up after the last attempt', async () => {
    const { deskId, organisationId } = await makeDesk({ webhookUrl: 'https://hooks.example/in' });
    const t = await makeTicket({ deskId, organisationId });
    let now = Date.UTC(2026, 10, 30, 3, 0, 0);
    const key = await queue(deskId, t.id, now);
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response('no', { status: 500 }));
    const noJitter = { random: () => 0 };
    takeOutbox();
    await enqueueDueWebhooks(env, { db: db(), binding: 'DB' }, now);
    const [queued] = takeOutbox();
    if (!queued) throw new Error('the cron queued nothing');
    const delays: number[] = [];
    for (let attempt = 1; attempt <= MAX_WEBHOOK_ATTEMPTS; attempt++) {
      // The queue hands the same message back after each retry's delay, counting its attempts.
      const [h] = await consume('kinobi-webhooks', [queued.body], {
        attempts: attempt,
        now: () => now,
        ...noJitter,
      });
      const r = await row(key);
      if (!r) throw new Error('webhook row vanished');
      expect(r.attempts).toBe(attempt);
      if (attempt < MAX_WEBHOOK_ATTEMPTS) {
        const wait = Math.min(2 ** (attempt - 1), 480) * MIN;
        expect(r).toMatchObject({ status: 'pending', lastError: 'HTTP 500', nextAttemptAt: now + wait });
        expect(h?.retryDelaySeconds).toBe(wait / 1000);
        delays.push(h?.retryDelaySeconds ?? 0);
        // The cron leaves it alone meanwhile: its retry is in flight.
        await enqueueDueWebhooks(env, { db: db(), binding: 'DB' }, r.nextAttemptAt);
        expect(takeOutbox().filter((q) => q.body.kind === 'webhook' && q.body.deliveryId === r.id)).toEqual(
          [],
        );
        // A copy of the message that turns up early sends nothing and waits for the due time.
        const [early] = await consume('kinobi-webhooks', [queued.body], {
          now: () => r.nextAttemptAt - MIN,
          ...noJitter,
        });
        expect(early?.retryDelaySeconds).toBe(60);
        expect((await row(key))?.attempts).toBe(attempt);
        now = r.nextAttemptAt;
      } else {
        expect(r?.status).toBe('failed');
        expect(h).toMatchObject({ acked: true });
      }
    }
    // The delays grow, up to the cap.
    expect(delays.slice(0, 10)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 480].map((m) => m * 60));
    // Given up: one event on the ticket's trail, and an admin can queue it again.
    const failed = await env.DB.prepare(
      "select data from ticket_events where ticket_id = ? and type = 'webhook_failed'",
    )
      .bind(t.id)
      .all<{ data: string }>();
    expect(failed.results.map((e) => JSON.parse(e.data))).toEqual([
      expect.objectContaining({
        event: 'sla.breached',
        attempts: MAX_WEBHOOK_ATTEMPTS,
        lastError: 'HTTP 500',
      }),
    ]);
    const admin = (method: string, path: string) =>
      exports.default.fetch(`http://x/v1/admin${path}`, {
        method,
        headers: { Authorization: 'Bearer test-admin-secret' },
      });
    const listed = (await (await admin('GET', `/desks/${deskId}/webhook-deliveries`)).json()) as {
      deliveries: { id: string }[];
    };
    expect(listed.deliveries).toHaveLength(1);
    const id = listed.deliveries[0]?.id ?? '';
    expect((await admin('POST', `/desks/${deskId}/webhook-deliveries/${id}/redeliver`)).status).toBe(202);
    expect(await row(key)).toMatchObject({ status: 'pending', attempts: 0 });
    // The next run sends it (the receiver is back), and only a failed delivery can be queued again.
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response('ok'));
    expect(await deliverDue(Date.now() + 1000)).toMatchObject({ delivered: 1 });
    expect(await row(key)).toMatchObject({ status: 'delivered' });
    expect((await admin('POST', `/desks/${deskId}/webhook-deliveries/${id}/redeliver`)).status).toBe(404);
    const other = await makeDesk();
    expect((await admin('POST', `/desks/${other.deskId}/webhook-deliveries/${id}/redeliver`)).status).toBe(
      404,
    );
  });

  it.each([
    ['a private address', 'https://10.0.0.5/hook'],
    ['the metadata address', 'https://169.254.169.254/latest'],
    ['credentials in the URL', 'https://user:pw@hooks.example/in'],
    ['plain http to a public host', 'http://hooks.example/in'],
  ])('refuses a webhook URL with %s when an admin sets it', async (_what, url) => {
    const fx = await makeDesk();
    const res = await exports.default.fetch(`http://x/v1/admin/desks/${fx.deskId}`, {
      method: 'PATCH',
      headers: { Authorization: 'Bearer test-admin-secret', 'Content-Type': 'application/json' },
      body: JSON.stringify({ webhookUrl: url }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: 'validation_failed', details: [{ path: 'webhookUrl' }] },
    });
  });

  it('enqueues each dedupe key once', async () => {
    const { deskId, organisationId } = await makeDesk({ webhookUrl: 'https://hooks.example/in' });
    const t = await makeTicket({ deskId, organisationId });
    await queue(deskId, t.id, 1, 'same');
    await queue(deskId, t.id, 2, 'same');
    expect(
      await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.dedupeKey, 'same')),
    ).toHaveLength(1);
  });

  it('computes the backoff schedule', () => {
    expect([1, 2, 3, 7, 12].map((a) => nextAttemptAfterFailure(a, 0, 0).at / MIN)).toEqual([
      1, 2, 4, 64, 480,
    ]);
    expect(nextAttemptAfterFailure(MAX_WEBHOOK_ATTEMPTS - 1, 0, 0).status).toBe('pending');
    expect(nextAttemptAfterFailure(MAX_WEBHOOK_ATTEMPTS, 0, 0).status).toBe('failed');
  });

  it('queues each delivery once when two cron runs overlap, and sends it once when the message comes twice', async () => {
    const fx = await makeDesk({ webhookUrl: 'https://hooks.example/overlap' });
    const now = Date.UTC(2026, 11, 1, 3, 0, 0);
    const keys = [];
    for (let i = 0; i < 3; i++) keys.push(await queue(fx.deskId, (await makeTicket(fx)).id, now));
    const sent: string[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => {
      sent.push(new Headers(init?.headers).get('X-Kinobi-Delivery') ?? '');
      await new Promise((r) => setTimeout(r, 20)); // a receiver that takes a moment
      return new Response('ok');
    });
    takeOutbox();
    const target = { db: db(), binding: 'DB' };
    await Promise.all([enqueueDueWebhooks(env, target, now), enqueueDueWebhooks(env, target, now)]);
    const queued = takeOutbox();
    const ids = queued.map((q) => (q.body.kind === 'webhook' ? q.body.deliveryId : ''));
    expect(new Set(ids).size).toBe(ids.length);
    // At-least-once: the queue may hand a message over twice, even to two consumers at once.
    const bodies = queued.map((q) => q.body);
    await Promise.all([
      consume('kinobi-webhooks', bodies, { now: () => now }),
      consume('kinobi-webhooks', bodies, { now: () => now }),
    ]);
    await consume('kinobi-webhooks', bodies, { now: () => now + MIN });
    // Rows left by earlier tests in this file are due too: look at this test's three only.
    const mine = await Promise.all(keys.map(row));
    for (const r of mine) {
      expect(r).toMatchObject({ status: 'delivered', attempts: 1 });
      expect(sent.filter((id) => id === r?.id)).toHaveLength(1);
    }
  });

  it('never follows a redirect: the 3xx is a failed attempt and the signed body goes nowhere else', async () => {
    const fx = await makeDesk({ webhookUrl: 'https://hooks.example/moved' });
    const now = Date.UTC(2026, 11, 2, 3, 0, 0);
    const key = await queue(fx.deskId, (await makeTicket(fx)).id, now);
    const calls: RequestInit[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => {
      calls.push(init ?? {});
      return new Response(null, { status: 307, headers: { Location: 'https://elsewhere.example/steal' } });
    });
    expect(await deliverDue(now)).toMatchObject({ delivered: 0, retrying: 1 });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.redirect).toBe('manual');
    expect(await row(key)).toMatchObject({
      status: 'pending',
      lastError: 'HTTP 307 redirect (not followed)',
    });
  });

  it('never calls a URL the policy refuses, even one stored before the policy existed', async () => {
    const fx = await makeDesk({ webhookUrl: 'https://169.254.169.254/latest/meta-data/' });
    const now = Date.UTC(2026, 11, 3, 3, 0, 0);
    const key = await queue(fx.deskId, (await makeTicket(fx)).id, now);
    const urls: string[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (url) => {
      urls.push(String(url));
      return new Response('ok');
    });
    await deliverDue(now);
    expect(urls.filter((u) => u.includes('169.254'))).toEqual([]);
    expect(await row(key)).toMatchObject({ status: 'pending', lastError: 'webhook URL refused (metadata)' });
  });
});

describe('webhook secret rotation', () => {
  it('signs with both secrets during the grace period, then with the new one alone', async () => {
    const fx = await makeDesk({ webhookUrl: 'https://hooks.example/rotate' });
    const res = await exports.default.fetch(`http://x/v1/admin/desks/${fx.deskId}/webhook-secret`, {
      method: 'POST',
      headers: { Authorization: 'Bearer test-admin-secret', 'Content-Type': 'application/json' },
      body: JSON.stringify({ graceSeconds: 3600 }),
    });
    expect(res.status).toBe(201);
    const { webhookSecret } = (await res.json()) as { webhookSecret: string };
    const headers: string[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => {
      headers.push(new Headers(init?.headers).get('X-Kinobi-Signature') ?? '');
      return new Response('ok');
    });
    const t = await makeTicket(fx);
    const now = Date.now();
    await queue(fx.deskId, t.id, now, 'rot-1');
    await deliverDue(now);
    const { verifyWebhookSignature } = await import('../../worker/webhooks/signature');
    const body = JSON.stringify({ event: 'sla.breached', ticket: { id: t.id } });
    const during = headers[0] ?? '';
    expect(during.match(/v1=/g)).toHaveLength(2);
    // A receiver that still knows only the old secret, and one that already switched, both accept it.
    expect(await verifyWebhookSignature(during, body, ['whsec_test'], now)).toMatchObject({ ok: true });
    expect(await verifyWebhookSignature(during, body, [webhookSecret], now)).toMatchObject({ ok: true });
    const later = now + 3_601_000;
    await queue(fx.deskId, t.id, later, 'rot-2');
    await deliverDue(later);
    const after = headers[1] ?? '';
    expect(after.match(/v1=/g)).toHaveLength(1);
    expect(await verifyWebhookSignature(after, body, ['whsec_test'], later)).toMatchObject({ ok: false });
    expect(await verifyWebhookSignature(after, body, [webhookSecret], later)).toMatchObject({ ok: true });
  });
});
