import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../worker/db/client';
import { webhookDeliveries } from '../../worker/db/schema';
import { hmacSha256Hex } from '../../worker/tokens';
import {
  deliverDueWebhooks,
  enqueueWebhook,
  MAX_WEBHOOK_ATTEMPTS,
  nextAttemptAfterFailure,
} from '../../worker/webhooks';
import { makeDesk } from './fixtures';
import { makeTicket } from './ticket-fixtures';

const db = () => getDb(env.DB);
const MIN = 60_000;

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
    expect(await deliverDueWebhooks(db(), now)).toMatchObject({ delivered: 1 });
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
    expect(await deliverDueWebhooks(db(), now + MIN)).toMatchObject({ delivered: 0 });
  });

  it('retries a failing receiver with backoff 1, 2, 4 … minutes (at most 8 h apart) and gives up after the last attempt', async () => {
    const { deskId, organisationId } = await makeDesk({ webhookUrl: 'https://hooks.example/in' });
    const t = await makeTicket({ deskId, organisationId });
    let now = Date.UTC(2026, 10, 30, 3, 0, 0);
    const key = await queue(deskId, t.id, now);
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response('no', { status: 500 }));
    const noJitter = { random: () => 0 };
    for (let attempt = 1; attempt <= MAX_WEBHOOK_ATTEMPTS; attempt++) {
      await deliverDueWebhooks(db(), now, noJitter);
      const r = await row(key);
      if (!r) throw new Error('webhook row vanished');
      expect(r.attempts).toBe(attempt);
      if (attempt < MAX_WEBHOOK_ATTEMPTS) {
        expect(r).toMatchObject({
          status: 'pending',
          lastError: 'HTTP 500',
          nextAttemptAt: now + Math.min(2 ** (attempt - 1), 480) * MIN,
        });
        await deliverDueWebhooks(db(), r.nextAttemptAt - 1, noJitter); // not yet due
        expect((await row(key))?.attempts).toBe(attempt);
        now = r.nextAttemptAt;
      } else {
        expect(r?.status).toBe('failed');
      }
    }
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
    expect(await deliverDueWebhooks(db(), Date.now() + 1)).toMatchObject({ delivered: 1 });
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

  it('sends each delivery once when two cron runs overlap', async () => {
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
    await Promise.all([deliverDueWebhooks(db(), now), deliverDueWebhooks(db(), now)]);
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
    expect(await deliverDueWebhooks(db(), now)).toMatchObject({ delivered: 0, retrying: 1 });
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
    await deliverDueWebhooks(db(), now);
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
    await deliverDueWebhooks(db(), now);
    const { verifyWebhookSignature } = await import('../../worker/webhooks/signature');
    const body = JSON.stringify({ event: 'sla.breached', ticket: { id: t.id } });
    const during = headers[0] ?? '';
    expect(during.match(/v1=/g)).toHaveLength(2);
    // A receiver that still knows only the old secret, and one that already switched, both accept it.
    expect(await verifyWebhookSignature(during, body, ['whsec_test'], now)).toMatchObject({ ok: true });
    expect(await verifyWebhookSignature(during, body, [webhookSecret], now)).toMatchObject({ ok: true });
    const later = now + 3_601_000;
    await queue(fx.deskId, t.id, later, 'rot-2');
    await deliverDueWebhooks(db(), later);
    const after = headers[1] ?? '';
    expect(after.match(/v1=/g)).toHaveLength(1);
    expect(await verifyWebhookSignature(after, body, ['whsec_test'], later)).toMatchObject({ ok: false });
    expect(await verifyWebhookSignature(after, body, [webhookSecret], later)).toMatchObject({ ok: true });
  });
});
