import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TicketCreateInput } from '../../shared/schema';
import { createApiClient } from '../../widget/api';
import { createOutbox, type OutboxItem } from '../../widget/queue';
import { CHUNK_RETRY_MS, createSender, type SendState } from '../../widget/sender';
import { fakeApi, json, makeTicket, NOW, OPTIONS } from './fixtures';

const KEY = 'kinobi:outbox:test-key';
const body = {
  subject: 's',
  description: 'd',
  category: 'question',
  contact: { name: 'n', email: 'n@example.com' },
  environment: { userAgent: 'ua' },
} as TicketCreateInput;
const stored = () => JSON.parse(localStorage.getItem(KEY) ?? '[]') as OutboxItem[];

/** A sender over a fake API and an event target standing in for window; `loadRetry` as given. */
function setup(
  replies: Parameters<typeof fakeApi>[0],
  loadRetry?: () => Promise<typeof import('../../widget/retry')>,
  now: () => number = () => NOW,
) {
  const api = fakeApi(replies);
  const states: SendState['kind'][] = [];
  const sent: number[] = [];
  const win = Object.assign(new EventTarget(), {
    setTimeout: (f: () => void, ms: number) => setTimeout(f, ms),
    clearTimeout: (t: number) => clearTimeout(t),
  }) as unknown as Window;
  let online = true;
  const sender = createSender({
    api: createApiClient(OPTIONS.api, OPTIONS.key, api.fetchImpl as unknown as typeof fetch, () => NOW),
    outbox: createOutbox<OutboxItem>(localStorage, KEY),
    now,
    online: () => online,
    win,
    onSent: (t) => sent.push(t.number),
    onState: (s) => states.push(s.kind),
    ...(loadRetry ? { loadRetry } : {}),
  });
  const goOnline = () => {
    online = true;
    win.dispatchEvent(new Event('online'));
  };
  return { api, states, sent, sender, goOffline: () => (online = false), goOnline };
}

beforeEach(() => localStorage.clear());

describe('sender', () => {
  it('sends a request at once without fetching the retry chunk, and keeps nothing', async () => {
    const loadRetry = vi.fn(() => import('../../widget/retry'));
    const { sender, states, sent } = setup(['ok'], loadRetry);
    const outcome = await sender.submit(body, 'idem-1');
    expect(outcome.kind).toBe('sent');
    expect(states).toEqual(['sending', 'sent']);
    expect(sent).toEqual([1042]);
    expect(loadRetry).not.toHaveBeenCalled();
    expect(stored()).toEqual([]);
  });

  it('stores the request before its first try, so a page closed mid-send still has it', async () => {
    const { sender } = setup(['ok']);
    const sending = sender.submit(body, 'idem-1');
    expect(stored()).toMatchObject([{ id: 'idem-1', attempts: 0, state: 'pending', body }]);
    await sending;
  });

  it('keeps a request the retry chunk cannot be fetched for (offline), shows it saved, and sends it with the same key once the browser is online', async () => {
    let fetchable = false;
    const loadRetry = vi.fn(() =>
      fetchable ? import('../../widget/retry') : Promise.reject(new TypeError('Failed to fetch module')),
    );
    const { sender, states, sent, api, goOffline, goOnline } = setup(['network-error', 'ok'], loadRetry);
    sender.start();
    goOffline();
    const outcome = await sender.submit(body, 'idem-1');
    expect(outcome.kind).toBe('queued');
    expect(states).toEqual(['sending', 'queued', 'queued']);
    expect(stored()).toMatchObject([{ id: 'idem-1', state: 'pending' }]);
    fetchable = true;
    goOnline();
    await vi.waitFor(() => expect(sent).toEqual([1042]));
    expect(api.posts.map((p) => p.key)).toEqual(['idem-1', 'idem-1']);
    expect(api.created.size).toBe(1);
    expect(loadRetry).toHaveBeenCalledTimes(2);
    expect(stored()).toEqual([]);
    sender.stop();
  });

  it('fetches the retry chunk again on a timer when it failed while the browser says online (the server down), then sends once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let fetchable = false;
      const loadRetry = vi.fn(() =>
        fetchable ? import('../../widget/retry') : Promise.reject(new TypeError('Failed to fetch module')),
      );
      const { sender, sent, api } = setup(['network-error', 'ok'], loadRetry);
      sender.start();
      expect((await sender.submit(body, 'idem-1')).kind).toBe('queued');
      expect(loadRetry).toHaveBeenCalledTimes(1);
      // no `online` event comes: the browser never went offline
      fetchable = true;
      await vi.advanceTimersByTimeAsync(CHUNK_RETRY_MS);
      expect(loadRetry).toHaveBeenCalledTimes(2);
      await vi.advanceTimersByTimeAsync(60_000);
      await vi.waitFor(() => expect(sent).toEqual([1042]));
      expect(api.posts.map((p) => p.key)).toEqual(['idem-1', 'idem-1']);
      expect(stored()).toEqual([]);
      sender.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the timer of a waiting request while another is in flight, and sends it when due', async () => {
    let release: (r: Response) => void = () => {};
    const inFlight = new Promise<Response>((r) => {
      release = r;
    });
    const { sender, sent, api } = setup(
      [
        () => json(503, { error: { code: 'unavailable', message: 'D1' } }, { 'Retry-After': '1' }),
        (() => inFlight) as unknown as () => Response,
        'ok',
      ],
      undefined,
      Date.now,
    );
    sender.start();
    // A is answered 503 (due again in 1 s) while B's first try is still in flight
    const a = sender.submit(body, 'idem-a');
    const b = sender.submit({ ...body, subject: 'b' }, 'idem-b');
    expect((await a).kind).toBe('queued');
    release(json(201, makeTicket({ id: 'tkt_b', number: 2000 })));
    expect((await b).kind).toBe('sent');
    await vi.waitFor(() => expect(sent).toEqual([2000, 1042]), { timeout: 3000 });
    expect(api.posts.map((p) => p.key)).toEqual(['idem-a', 'idem-b', 'idem-a']);
    expect(stored()).toEqual([]);
    sender.stop();
  });

  it('sends a waiting request itself when the retry chunk cannot load at all (a failed import kept for the page)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const loadRetry = vi.fn(() => Promise.reject(new TypeError('Failed to fetch module')));
      const { sender, sent, api } = setup(['network-error', 'ok'], loadRetry);
      sender.start();
      expect((await sender.submit(body, 'idem-1')).kind).toBe('queued');
      await vi.advanceTimersByTimeAsync(CHUNK_RETRY_MS);
      await vi.waitFor(() => expect(sent).toEqual([1042]));
      expect(api.posts.map((p) => p.key)).toEqual(['idem-1', 'idem-1']);
      expect(stored()).toEqual([]);
      // nothing is left, so no further timer fetches anything
      await vi.advanceTimersByTimeAsync(5 * CHUNK_RETRY_MS);
      expect(api.posts).toHaveLength(2);
      expect(loadRetry).toHaveBeenCalledTimes(2);
      sender.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('sets no timer after stop, even when a chunk load fails later', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let fail: (e: Error) => void = () => {};
      const loadRetry = vi.fn(
        () =>
          new Promise<typeof import('../../widget/retry')>((_, reject) => {
            fail = reject;
          }),
      );
      const { sender, api } = setup(['network-error', 'ok'], loadRetry);
      sender.start();
      const submitted = sender.submit(body, 'idem-1');
      await vi.advanceTimersByTimeAsync(0);
      sender.stop();
      fail(new TypeError('Failed to fetch module'));
      await submitted;
      await vi.advanceTimersByTimeAsync(3 * CHUNK_RETRY_MS);
      expect(loadRetry).toHaveBeenCalledTimes(1);
      expect(api.posts).toHaveLength(1);
      expect(stored()).toHaveLength(1); // kept for the next page
    } finally {
      vi.useRealTimers();
    }
  });

  it('fetches nothing on an online event while the outbox is empty', async () => {
    const loadRetry = vi.fn(() => import('../../widget/retry'));
    const { sender, goOnline } = setup(['ok'], loadRetry);
    sender.start();
    goOnline();
    await new Promise((r) => setTimeout(r, 10));
    expect(loadRetry).not.toHaveBeenCalled();
    sender.stop();
  });

  it('lets the retry chunk settle a first try the server answered: a 503 is kept with its Retry-After', async () => {
    const { sender, states } = setup([
      () => json(503, { error: { code: 'unavailable', message: 'D1' } }, { 'Retry-After': '30' }),
    ]);
    const outcome = await sender.submit(body, 'idem-1');
    expect(outcome.kind).toBe('queued');
    expect(states).toEqual(['sending', 'queued']);
    expect(stored()).toMatchObject([{ id: 'idem-1', attempts: 1, state: 'pending', nextAt: NOW + 30_000 }]);
    sender.stop();
  });

  it('shows a refused request (4xx) as refused and drops it without fetching the retry chunk', async () => {
    const loadRetry = vi.fn(() => Promise.reject(new TypeError('Failed to fetch module')));
    const { sender, states } = setup(
      [() => json(422, { error: { code: 'validation_failed', message: 'bad', details: [] } })],
      loadRetry,
    );
    const outcome = await sender.submit(body, 'idem-1');
    expect(outcome.kind === 'rejected' && outcome.result.status).toBe(422);
    expect(states).toEqual(['sending', 'rejected']);
    expect(loadRetry).not.toHaveBeenCalled();
    expect(stored()).toEqual([]);
  });

  it('does not send an item twice while its first try is in flight, when the browser reports online meanwhile', async () => {
    let release: (r: Response) => void = () => {};
    const held = new Promise<Response>((r) => {
      release = r;
    });
    const loadRetry = vi.fn(() => import('../../widget/retry'));
    const { sender, api, goOnline, sent } = setup([(() => held) as unknown as () => Response], loadRetry);
    sender.start();
    const sending = sender.submit(body, 'idem-1');
    // the item is stored and pending while its post waits: the online event's flush must skip it
    goOnline();
    await vi.waitFor(() => expect(loadRetry).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(api.posts).toHaveLength(1);
    release(json(201, makeTicket()));
    expect((await sending).kind).toBe('sent');
    await new Promise((r) => setTimeout(r, 20));
    expect(api.posts).toHaveLength(1);
    expect(sent).toEqual([1042]);
    sender.stop();
  });
});
