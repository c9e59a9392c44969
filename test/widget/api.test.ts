import { describe, expect, it, vi } from 'vitest';
import { createApiClient, parseRetryAfter } from '../../widget/api';
import { makeTicket, NOW } from './fixtures';

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('30', NOW)).toBe(30_000);
    expect(parseRetryAfter(new Date(NOW + 5000).toUTCString(), NOW)).toBe(5000);
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
  });
});

describe('createApiClient', () => {
  it('sends the widget key, the idempotency key and JSON to POST /v1/tickets', async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify(makeTicket()), { status: 201 }));
    const api = createApiClient('https://s.example', 'k1', fetchImpl);
    const r = await api.createTicket(
      {
        subject: 's',
        description: 'd',
        category: 'question',
        contact: { name: 'n', email: 'n@example.com' },
        environment: { userAgent: 'ua' },
      },
      'idem-1',
    );
    expect(r).toMatchObject({ ok: true, status: 201, data: { number: 1042 } });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://s.example/v1/tickets');
    expect(init.headers).toMatchObject({ 'X-Kinobi-Key': 'k1', 'Idempotency-Key': 'idem-1' });
  });

  it('turns a thrown fetch into status 0 and reads the error body, Retry-After and Date of a failure', async () => {
    const down = createApiClient('https://s.example', 'k', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await down.targets(new Date(NOW))).toEqual({ ok: false, status: 0 });
    const limited = createApiClient(
      'https://s.example',
      'k',
      async () =>
        new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'slow down' } }), {
          status: 429,
          headers: { 'Retry-After': '7', Date: new Date(NOW).toUTCString() },
        }),
      () => NOW,
    );
    expect(await limited.config()).toEqual({
      ok: false,
      status: 429,
      error: { code: 'rate_limited', message: 'slow down' },
      retryAfterMs: 7000,
      serverDate: NOW,
    });
  });
});

describe('createApiClient and D1 bookmarks', () => {
  it('sends back the last x-d1-bookmark the API answered with, so reads see the user’s own writes', async () => {
    const answers = ['b-1', null, 'b-2'];
    const fetchImpl = vi.fn(async () => {
      const bookmark = answers.shift();
      return new Response('{}', { status: 200, headers: bookmark ? { 'x-d1-bookmark': bookmark } : {} });
    });
    const api = createApiClient('https://s.example', 'k1', fetchImpl);
    await api.config();
    await api.config();
    await api.config();
    await api.config();
    const sent = fetchImpl.mock.calls.map(
      (call) =>
        ((call as unknown as [string, RequestInit])[1].headers as Record<string, string>)['x-d1-bookmark'],
    );
    // Empty before the first answer (the API ignores it); a response without one keeps the last.
    expect(sent).toEqual(['', 'b-1', 'b-1', 'b-2']);
  });
});
