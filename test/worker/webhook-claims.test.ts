import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../worker/db/client';
import { claimDueDeliveries, settleDelivery } from '../../worker/db/webhook-claims';
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
    'select status, attempts, lease_until, lease_token, last_error from webhook_deliveries where id = ?',
  )
    .bind(id)
    .first<{
      status: string;
      attempts: number;
      lease_until: number | null;
      lease_token: string | null;
      last_error: string | null;
    }>();

describe('claimDueDeliveries', () => {
  it('gives two overlapping claimers disjoint rows that together cover every due delivery', async () => {
    const ids = await queue(10, 'ten_overlap');
    const [a, b] = await Promise.all([
      claimDueDeliveries(db(), { now: NOW, limit: 6, token: 'run-a' }),
      claimDueDeliveries(db(), { now: NOW, limit: 6, token: 'run-b' }),
    ]);
    const idsA = a.map((d) => d.id);
    const idsB = b.map((d) => d.id);
    expect(idsA.filter((id) => idsB.includes(id))).toEqual([]);
    expect(new Set([...idsA, ...idsB])).toEqual(new Set(ids));
    expect(idsA.length + idsB.length).toBe(10);
    // A third run while the leases hold finds nothing.
    expect(await claimDueDeliveries(db(), { now: NOW + 1000, limit: 20 })).toEqual([]);
  });

  it('returns oldest due first with the lease it set, and skips what is not due or not pending', async () => {
    const ids = await queue(3, 'ten_order');
    await queue(1, 'ten_later', NOW + 60_000);
    const claimed = await claimDueDeliveries(db(), { now: NOW, limit: 2, leaseMs: 1000, token: 't1' });
    expect(claimed.map((d) => d.id)).toEqual(ids.slice(0, 2));
    expect(claimed[0]).toMatchObject({
      deskId: 'ten_order',
      event: 'sla.breached',
      payload: '{"i":0}',
      attempts: 0,
      leaseToken: 't1',
      leaseUntil: NOW + 1000,
    });
    expect(await leaseOf(ids[0] ?? '')).toMatchObject({ lease_until: NOW + 1000, lease_token: 't1' });
    const rest = await claimDueDeliveries(db(), { now: NOW, limit: 10 });
    expect(rest.map((d) => d.deskId)).not.toContain('ten_later');
  });

  it('lets another run take a delivery over once its lease has expired, and the old holder can no longer settle it', async () => {
    const [id] = await queue(1, 'ten_expiry', NOW - 3_600_000);
    const first = await claimDueDeliveries(db(), { now: NOW, limit: 50, leaseMs: 1000, token: 'slow' });
    const mine = first.find((d) => d.id === id);
    expect(mine).toBeDefined();
    expect((await claimDueDeliveries(db(), { now: NOW + 1000, limit: 50 })).map((d) => d.id)).not.toContain(
      id,
    );
    const second = await claimDueDeliveries(db(), { now: NOW + 1001, limit: 50, token: 'fast' });
    expect(second.map((d) => d.id)).toContain(id);
    await db().batch([
      settleDelivery(db(), { id: id ?? '', leaseToken: 'slow' }, { status: 'delivered', attempts: 1 }),
    ]);
    expect(await leaseOf(id ?? '')).toMatchObject({ status: 'pending', attempts: 0, lease_token: 'fast' });
    await db().batch([
      settleDelivery(db(), { id: id ?? '', leaseToken: 'fast' }, { status: 'delivered', attempts: 1 }),
    ]);
    expect(await leaseOf(id ?? '')).toMatchObject({
      status: 'delivered',
      attempts: 1,
      lease_token: null,
      lease_until: null,
    });
  });

  it('settles a failure with its next attempt and releases the lease so it is claimed again when due', async () => {
    const [id] = await queue(1, 'ten_retry', NOW - 7_200_000);
    const claimed = await claimDueDeliveries(db(), { now: NOW, limit: 50, token: 'r1' });
    expect(claimed.map((d) => d.id)).toContain(id);
    await db().batch([
      settleDelivery(
        db(),
        { id: id ?? '', leaseToken: 'r1' },
        { status: 'pending', attempts: 1, nextAttemptAt: NOW + 60_000, lastError: 'HTTP 500' },
      ),
    ]);
    expect(await leaseOf(id ?? '')).toMatchObject({
      status: 'pending',
      attempts: 1,
      lease_until: null,
      last_error: 'HTTP 500',
    });
    expect((await claimDueDeliveries(db(), { now: NOW + 59_999, limit: 50 })).map((d) => d.id)).not.toContain(
      id,
    );
    expect((await claimDueDeliveries(db(), { now: NOW + 60_000, limit: 50 })).map((d) => d.id)).toContain(id);
  });
});
