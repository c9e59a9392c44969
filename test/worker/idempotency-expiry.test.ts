import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../worker/db/client';
import { expireIdempotencyKeys, IDEMPOTENCY_KEY_TTL_MS } from '../../worker/db/idempotency-expiry';
import { makeDesk } from './fixtures';
import { postTicket, ticketBody } from './intake-helpers';

describe('Idempotency-Key expiry', () => {
  it('honours a key for 7 days; after the cron clears it, the same key makes a new ticket', async () => {
    const fx = await makeDesk();
    const first = await postTicket(fx, ticketBody(), { idempotencyKey: 'k-old' });
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };
    // Six days later the key still answers with the same ticket.
    expect(await expireIdempotencyKeys(getDb(env.DB), Date.now() + 6 * 86_400_000)).toMatchObject({
      tickets: 0,
    });
    const retry = await postTicket(fx, ticketBody(), { idempotencyKey: 'k-old' });
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as { id: string }).id).toBe(id);
    // Past the TTL the key is forgotten (the ticket stays), so the key is free again.
    expect(await expireIdempotencyKeys(getDb(env.DB), Date.now() + IDEMPOTENCY_KEY_TTL_MS + 1)).toMatchObject(
      { tickets: 1 },
    );
    const row = await env.DB.prepare('select idempotency_key, request_hash from tickets where id = ?')
      .bind(id)
      .first();
    expect(row).toEqual({ idempotency_key: null, request_hash: null });
    const later = await postTicket(fx, ticketBody(), { idempotencyKey: 'k-old' });
    expect(later.status).toBe(201);
  });
});
