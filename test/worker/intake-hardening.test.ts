import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../worker/db/client';
import { widgetKeys } from '../../worker/db/schema';
import { makeDesk } from './fixtures';
import { countRows, errorCode, postTicket, ticketBody } from './intake-helpers';

describe('POST /v1/tickets hardening', () => {
  it('answers a body over 64 KB with 413, by Content-Length or by counting a streamed body', async () => {
    const fx = await makeDesk();
    const big = JSON.stringify(ticketBody({ description: 'x'.repeat(70_000) }));
    const res = await postTicket(fx, null, { rawBody: big });
    expect(res.status).toBe(413);
    expect(await errorCode(res)).toBe('body_too_large');
    const bytes = new TextEncoder().encode(big);
    // Pull-based, so the part the worker never reads is never produced (no pipe left half-written).
    let offset = 0;
    const stream = new ReadableStream({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(offset, offset + 8192));
        offset += 8192;
      },
    });
    const streamed = await postTicket(fx, null, { rawBody: stream });
    expect(streamed.status).toBe(413);
    expect(await countRows('tickets')).toBe(0);
  });

  it('answers a body that is not declared JSON with 415 and malformed JSON with 400 invalid_json', async () => {
    const fx = await makeDesk();
    const plain = await postTicket(fx, ticketBody(), { headers: { 'Content-Type': 'text/plain' } });
    expect(plain.status).toBe(415);
    expect(await errorCode(plain)).toBe('unsupported_media_type');
    const broken = await postTicket(fx, null, { rawBody: '{"subject": "x",' });
    expect(broken.status).toBe(400);
    expect(await errorCode(broken)).toBe('invalid_json');
    expect(await countRows('tickets')).toBe(0);
  });

  it('reports validation failures as details [{path, code, message, minimum?, maximum?}]', async () => {
    const fx = await makeDesk();
    const res = await postTicket(fx, {
      ...ticketBody(),
      subject: '',
      description: 'd'.repeat(10_001),
      category: 'outage',
      contact: { name: 'A', email: 'not-an-email' },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: { code: string; details: Record<string, unknown>[] };
    };
    expect(body.error.code).toBe('validation_failed');
    const byPath = Object.fromEntries(body.error.details.map((d) => [d.path, d]));
    expect(byPath.subject).toMatchObject({ code: 'too_small', minimum: 1, message: expect.any(String) });
    expect(byPath.description).toMatchObject({ code: 'too_big', maximum: 10_000 });
    expect(byPath['contact.email']).toMatchObject({ code: 'invalid_format' });
    expect(byPath['contact.email']).not.toHaveProperty('maximum');
    expect(byPath.category).toMatchObject({ code: 'invalid_value' });
  });

  it('rejects unknown fields (a client cannot set severity) and over-long strings', async () => {
    const fx = await makeDesk();
    const withSeverity = await postTicket(fx, { ...ticketBody(), severity: 1 });
    expect(withSeverity.status).toBe(400);
    expect(await errorCode(withSeverity)).toBe('validation_failed');
    const long = await postTicket(fx, ticketBody({ subject: 's'.repeat(201) }));
    expect(long.status).toBe(400);
    expect(await countRows('tickets')).toBe(0);
  });

  it('answers a missing widget key with 401 and an unknown or revoked one with 403', async () => {
    const fx = await makeDesk();
    const missing = await postTicket(fx, ticketBody(), { key: null });
    expect(missing.status).toBe(401);
    expect(await errorCode(missing)).toBe('missing_widget_key');
    const unknown = await postTicket(fx, ticketBody(), { key: 'wk_nope' });
    expect(unknown.status).toBe(403);
    expect(await errorCode(unknown)).toBe('invalid_widget_key');
    await getDb(env.DB).update(widgetKeys).set({ revokedAt: Date.now() });
    const revoked = await postTicket(fx, ticketBody());
    expect(revoked.status).toBe(403);
    expect(await countRows('tickets')).toBe(0);
  });

  it('answers 503 with Retry-After when D1 fails, and leaves no half-written ticket', async () => {
    const fx = await makeDesk();
    // The ticket insert succeeds on its own; the event insert in the same batch fails.
    await env.DB.exec('ALTER TABLE ticket_events RENAME TO ticket_events_away');
    try {
      const res = await postTicket(fx, ticketBody());
      expect(res.status).toBe(503);
      expect(res.headers.get('Retry-After')).toMatch(/^\d+$/);
      expect(await errorCode(res)).toBe('unavailable');
      expect(await countRows('tickets')).toBe(0);
    } finally {
      await env.DB.exec('ALTER TABLE ticket_events_away RENAME TO ticket_events');
    }
    expect((await postTicket(fx, ticketBody())).status).toBe(201);
  });

  it('never answers with HTML: unknown routes and methods get the JSON error shape', async () => {
    const res = await exports.default.fetch('http://api.test/v1/nope');
    expect(res.status).toBe(404);
    expect(await errorCode(res)).toBe('not_found');
  });
});
