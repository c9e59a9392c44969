import { beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../widget/api';
import { backoffMs, createOutbox, isRetryable, type OutboxItem } from '../../widget/queue';
import { attempt, MAX_ATTEMPTS } from '../../widget/retry';
import { fakeApi, json, NOW, OPTIONS } from './fixtures';

const body = {
  subject: 's',
  description: 'd',
  category: 'question' as const,
  contact: { name: 'n', email: 'n@example.com' },
  environment: { userAgent: 'ua' },
};
const makeItem = (over: Partial<OutboxItem> = {}): OutboxItem => ({
  id: 'idem-1',
  body,
  attempts: 0,
  nextAt: NOW,
  state: 'pending',
  ...over,
});
const client = (f: ReturnType<typeof fakeApi>) =>
  createApiClient(OPTIONS.api, OPTIONS.key, f.fetchImpl as unknown as typeof fetch, () => NOW);

beforeEach(() => localStorage.clear());

describe('queue: backoff and retry rules', () => {
  it('doubles from 2 s up to 5 min and prefers the server Retry-After', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n))).toEqual([2000, 4000, 8000, 16000]);
    expect(backoffMs(30)).toBe(300_000);
    expect(backoffMs(3, 120_000)).toBe(120_000);
  });

  it('retries no response, 408, 429 and 5xx, but not other 4xx', () => {
    expect([0, 408, 429, 500, 503].every(isRetryable)).toBe(true);
    expect([400, 401, 403, 409, 413, 422].some(isRetryable)).toBe(false);
  });
});

describe('queue: attempt', () => {
  it('keeps a failed send in localStorage with the same key and honours Retry-After', async () => {
    const api = fakeApi([
      () => json(503, { error: { code: 'unavailable', message: 'D1' } }, { 'Retry-After': '120' }),
    ]);
    const outbox = createOutbox(localStorage, 'kinobi:outbox:test-key');
    outbox.put(makeItem());
    const out = await attempt(client(api), outbox, makeItem(), { now: NOW, online: true });
    expect(out.kind).toBe('queued');
    const stored = JSON.parse(localStorage.getItem('kinobi:outbox:test-key') ?? '[]') as OutboxItem[];
    expect(stored).toMatchObject([{ id: 'idem-1', attempts: 1, nextAt: NOW + 120_000, state: 'pending' }]);
    expect(api.posts[0]?.key).toBe('idem-1');
  });

  it('does not count tries made while offline', async () => {
    const api = fakeApi(['network-error']);
    const outbox = createOutbox(localStorage, 'k');
    const out = await attempt(client(api), outbox, makeItem({ attempts: 2 }), { now: NOW, online: false });
    expect(out.kind === 'queued' && out.item.attempts).toBe(2);
  });

  it('gives up after the attempt cap while the browser claims to be online (a CSP block looks like offline)', async () => {
    const api = fakeApi(['network-error']);
    const outbox = createOutbox(localStorage, 'k');
    let item = makeItem();
    const kinds: string[] = [];
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const out = await attempt(client(api), outbox, item, { now: NOW, online: true });
      kinds.push(out.kind);
      if (out.kind === 'queued' || out.kind === 'gave_up') item = out.item;
    }
    expect(kinds.at(-1)).toBe('gave_up');
    expect(kinds.filter((k) => k === 'queued')).toHaveLength(MAX_ATTEMPTS - 1);
    expect(outbox.list()).toMatchObject([{ id: 'idem-1', state: 'failed' }]);
  });

  it('drops a request the server rejects with a 4xx and reports it', async () => {
    const api = fakeApi([
      () => json(409, { error: { code: 'idempotency_conflict', message: 'different body' } }),
    ]);
    const outbox = createOutbox(localStorage, 'k');
    outbox.put(makeItem());
    const out = await attempt(client(api), outbox, makeItem(), { now: NOW, online: true });
    expect(out.kind === 'rejected' && out.result.error?.code).toBe('idempotency_conflict');
    expect(outbox.list()).toEqual([]);
  });

  it('keeps working in memory when storage is blocked', () => {
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
      removeItem: () => {},
    } as unknown as Storage;
    const outbox = createOutbox(blocked, 'k');
    outbox.put(makeItem());
    expect(outbox.list()).toHaveLength(1);
  });
});
