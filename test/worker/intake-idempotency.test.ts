import { describe, expect, it } from 'vitest';
import type { TicketCreated } from '../../shared/schema';
import { makeDesk } from './fixtures';
import { countRows, errorCode, postTicket, ticketBody } from './intake-helpers';

describe('POST /v1/tickets idempotency', () => {
  it('answers a retry with the same key and body with the same ticket, 200, and writes nothing new', async () => {
    const fx = await makeDesk();
    const first = await postTicket(fx, ticketBody(), { idempotencyKey: 'submit-1' });
    expect(first.status).toBe(201);
    const created = (await first.json()) as TicketCreated;
    const retry = await postTicket(fx, ticketBody(), { idempotencyKey: 'submit-1' });
    expect(retry.status).toBe(200);
    const replayed = (await retry.json()) as TicketCreated;
    expect(replayed).toMatchObject({
      id: created.id,
      number: created.number,
      severity: created.severity,
      firstResponseDueAt: created.firstResponseDueAt,
      accessToken: created.accessToken,
      flags: created.flags,
    });
    expect(await countRows('tickets', `organisation_id = '${fx.organisationId}'`)).toBe(1);
    // Only the first submission's created event (the confirmation mail, sent after the answer, adds its own).
    expect(await countRows('ticket_events', `ticket_id = '${created.id}' and type not like 'email_%'`)).toBe(
      1,
    );
  });

  it('treats the same body with its keys in another order as the same request', async () => {
    const fx = await makeDesk();
    const body = ticketBody();
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect((await postTicket(fx, body, { idempotencyKey: 'k' })).status).toBe(201);
    expect((await postTicket(fx, reordered, { idempotencyKey: 'k' })).status).toBe(200);
  });

  it('refuses the same key with a different body (409) and writes nothing', async () => {
    const fx = await makeDesk();
    await postTicket(fx, ticketBody(), { idempotencyKey: 'submit-2' });
    const res = await postTicket(fx, ticketBody({ subject: 'Another subject' }), {
      idempotencyKey: 'submit-2',
    });
    expect(res.status).toBe(409);
    expect(await errorCode(res)).toBe('idempotency_conflict');
    expect(await countRows('tickets', `organisation_id = '${fx.organisationId}'`)).toBe(1);
  });

  it('requires an Idempotency-Key of 1 to 128 characters', async () => {
    const fx = await makeDesk();
    const missing = await postTicket(fx, ticketBody(), { idempotencyKey: null });
    expect(missing.status).toBe(400);
    expect(await errorCode(missing)).toBe('idempotency_key_required');
    const long = await postTicket(fx, ticketBody(), { idempotencyKey: 'x'.repeat(129) });
    expect(long.status).toBe(400);
    expect(await errorCode(long)).toBe('invalid_idempotency_key');
    expect((await postTicket(fx, ticketBody(), { idempotencyKey: 'x'.repeat(128) })).status).toBe(201);
    expect(await countRows('tickets', `organisation_id = '${fx.organisationId}'`)).toBe(1);
  });

  it('creates exactly one ticket when concurrent first requests share a key', async () => {
    const fx = await makeDesk();
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => postTicket(fx, ticketBody(), { idempotencyKey: 'race' })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    const ids = new Set(
      await Promise.all(responses.map(async (r) => ((await r.json()) as TicketCreated).id)),
    );
    expect(ids.size).toBe(1);
    expect(await countRows('tickets', `organisation_id = '${fx.organisationId}'`)).toBe(1);
  });

  it('scopes keys to a tenant', async () => {
    const a = await makeDesk();
    const b = await makeDesk();
    expect((await postTicket(a, ticketBody(), { idempotencyKey: 'shared' })).status).toBe(201);
    expect((await postTicket(b, ticketBody({ subject: 'Other' }), { idempotencyKey: 'shared' })).status).toBe(
      201,
    );
  });
});
