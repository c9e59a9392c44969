import { describe, expect, it } from 'vitest';
import { makeDesk } from './fixtures';
import { errorCode, postTicket } from './intake-helpers';

// wrangler.toml: RL_INTAKE allows 30 requests per 60 s per key.
const LIMIT = 30;

describe('intake rate limit', () => {
  it('answers 429 rate_limited with Retry-After once a widget key and IP exceed the limit', async () => {
    const fx = await makeDesk();
    // Invalid bodies are cheap and still count: the limit runs before validation.
    for (let i = 0; i < LIMIT; i++) {
      const res = await postTicket(fx, {}, { ip: '192.0.2.1' });
      expect(res.status).toBe(400);
    }
    const limited = await postTicket(fx, {}, { ip: '192.0.2.1' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('60');
    expect(await errorCode(limited)).toBe('rate_limited');

    // Another client IP on the same key, and the same IP on another tenant's key, are not affected.
    expect((await postTicket(fx, {}, { ip: '192.0.2.2' })).status).toBe(400);
    const other = await makeDesk();
    expect((await postTicket(other, {}, { ip: '192.0.2.1' })).status).toBe(400);
  });
});
