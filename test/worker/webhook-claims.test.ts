import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../worker/db/client';
import { claimDelivery, queueDueDeliveries, settleDelivery } from '../../worker/db/webhook-claims';
import { enqueueWebhook } from '../../worker/webhooks';

const db = () => getDb(env.DB);
const NOW = Date.UTC(2026, 10, 30, 3, 0, 0);

async function queue(n: number, deskId: string, at = NOW): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const dedupeKey = `${deskId}:${i}`;
    await enqueueWebhook(db(), {
      deskId,
      ticketId: `tk_${i}`,
      event: 'sla.breached',
      dedupeKey,
      payload: { i },
      now: at - (n - i), // distinct due times, oldest first
    });
    const row = await env.DB.prepare('select id from webhook_deliveries where dedupe_key = ?')
      .bind(dedupeKey)
      .first<{ id: string }>();
    if (row) ids.push(row.id);
  }
  return ids;
}

const leaseOf = (id: string) =>
  env.DB.prepare(
    'select status, attempts, lease_until, lease_token, last_error, queued_until from webhook_deliveries where id = ?',
  )
    .bind(id)
    .first<{
      status: string;
      attempts: number;
      lease_until: number | null;
      lease_token: string | null;
      last_error: string | null;
      queued_until: number | null;
    }>();

describe('queueDueDeliveries (the cron)', () => {
  it('gives two overlapping runs disjoint rows that together cover every due delivery', async () => {
    const ids = await queue(10, 'ten_overlap');
    const [a, b] = await Promise.all([
      queueDueDeliveries(db(), { now: NOW, limit: 6 }),
      queueDueDeliveries(db(), { now: NOW, limit: 6 }),
    ]);
    const idsA = a.map((d) => d.id);
    const idsB = b.map((d) => d.id);
    expect(idsA.filter((id) => idsB.includes(id))).toEqual([]);
    expect(new Set([...idsA, ...idsB])).toEqual(new Set(ids));
    // A third run while their messages are in flight finds nothing; once the grace has passed, all again.
    expect(await queueDueDeliveries(db(), { now: NOW + 1000, limit: 20 })).toEqual([]);
    const again = await queueDueDeliveries(db(), { now: NOW + 16 * 60_000, limit: 20 });
    expect(new Set(again.map((d) => d.id))).toEqual(new Set(ids));
  });

  it('returns oldest due first, marked queued, and skips what is not due or not pending', async () => {
    const ids = await queue(3, 'ten_order');
    await queue(1, 'ten_later', NOW + 60_000);
    const queued = await queueDueDeliveries(db(), { now: NOW, limit: 2, graceMs: 1000 });
    expect(queued).toEqual(ids.slice(0, 2).map((id) => ({ id, deskId: 'ten_order' })));
    expect(await leaseOf(ids[0] ?? '')).toMatchObject({ queued_until: NOW + 1000, lease_until: null });
    const rest = await queueDueDeliveries(db(), { now: NOW, limit: 10 });
    expect(rest.map((d) => d.deskId)).not.toContain('ten_later');
  });
});

describe('claimDelivery (the consumer)', () => {
  it('gives a delivery to one of two consumers handed the same message at once', async () => {
    const [id = ''] = await queue(1, 'ten_twice', NOW - 60_000);
    const [a, b] = await Promise.all([
      claimDelivery(db(), id, { now: NOW, token: 'c1' }),
      claimDelivery(db(), id, { now: NOW, token: 'c2' }),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(a ?? b).toMatchObject({
      id,
      deskId: 'ten_twice',
      event: 'sla.breached',
      payload: '{"i":0}',
      attempts: 0,
    });
  });

  it('lets another consumer take a delivery over once its lease has expired, and the old holder can no longer settle it', async () => {
    const [id = ''] = await queue(1, 'ten_expiry', NOW - 3_600_000);
    expect(await claimDelivery(db(), id, { now: NOW, leaseMs: 1000, token: 'slow' })).not.toBeNull();
    expect(await claimDelivery(db(), id, { now: NOW + 1000 })).toBeNull();
    expect(await claimDelivery(db(), id, { now: NOW + 1001, token: 'fast' })).not.toBeNull();
    await db().batch([
      settleDelivery(db(), { id, leaseToken: 'slow' }, { status: 'delivered', attempts: 1 }),
    ]);
    expect(await leaseOf(id)).toMatchObject({ status: 'pending', attempts: 0, lease_token: 'fast' });
    await db().batch([
      settleDelivery(db(), { id, leaseToken: 'fast' }, { status: 'delivered', attempts: 1 }),
    ]);
    expect(await leaseOf(id)).toMatchObject({
      status: 'delivered',
      attempts: 1,
      lease_token: null,
      lease_until: null,
    });
    // Delivered: a late copy of the message claims nothing.
    expect(await claimDelivery(db(), id, { now: NOW + 60_000 })).toBeNull();
  });

  it('settles a failure with its next attempt, queued until then, and is claimed again only when due', async () => {
    const [id = ''] = await queue(1, 'ten_retry', NOW - 7_200_000);
    expect(await claimDelivery(db(), id, { now: NOW, token: 'r1' })).not.toBeNull();
    const outcome = {
      status: 'pending' as const,
      attempts: 1,
      nextAttemptAt: NOW + 60_000,
      lastError: 'HTTP 500',
      queuedUntil: NOW + 60_000 + 900_000,
    };
    await db().batch([settleDelivery(db(), { id, leaseToken: 'r1' }, outcome)]);
    expect(await leaseOf(id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lease_until: null,
      last_error: 'HTTP 500',
      queued_until: NOW + 960_000,
    });
    // Not due yet (beyond the few seconds a retried message may be early), and the cron keeps off.
    expect(await claimDelivery(db(), id, { now: NOW + 50_000 })).toBeNull();
    expect((await queueDueDeliveries(db(), { now: NOW + 60_000, limit: 50 })).map((d) => d.id)).not.toContain(
      id,
    );
    expect(await claimDelivery(db(), id, { now: NOW + 60_000 })).not.toBeNull();
  });
});
