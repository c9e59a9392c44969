import { env } from 'cloudflare:workers';
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

  it('retries a failing receiver with backoff 1, 2, 4 … minutes and gives up after the last attempt', async () => {
    const { deskId, organisationId } = await makeDesk({ webhookUrl: 'https://hooks.example/in' });
    const t = await makeTicket({ deskId, organisationId });
    let now = Date.UTC(2026, 10, 30, 3, 0, 0);
    const key = await queue(deskId, t.id, now);
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response('no', { status: 500 }));
    for (let attempt = 1; attempt <= MAX_WEBHOOK_ATTEMPTS; attempt++) {
      await deliverDueWebhooks(db(), now);
      const r = await row(key);
      if (!r) throw new Error('webhook row vanished');
      expect(r.attempts).toBe(attempt);
      if (attempt < MAX_WEBHOOK_ATTEMPTS) {
        expect(r).toMatchObject({
          status: 'pending',
          lastError: 'HTTP 500',
          nextAttemptAt: now + 2 ** (attempt - 1) * MIN,
        });
        await deliverDueWebhooks(db(), r.nextAttemptAt - 1); // not yet due
        expect((await row(key))?.attempts).toBe(attempt);
        now = r.nextAttemptAt;
      } else {
        expect(r?.status).toBe('failed');
      }
    }
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
    expect([1, 2, 3, 7].map((a) => nextAttemptAfterFailure(a, 0).at / MIN)).toEqual([1, 2, 4, 64]);
    expect(nextAttemptAfterFailure(8, 0).status).toBe('failed');
  });
});
