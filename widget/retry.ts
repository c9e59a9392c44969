import type { ApiClient, ApiResult } from './api';
import { backoffMs, isBlocked, isRetryable, type Outbox, type OutboxItem, type Outcome } from './queue';
import type { Retrying } from './sender';

/**
 * The outbox's retry machinery, its own chunk (issue 12's weight: an online user whose request is
 * sent at once never loads it). The panel's sender (sender.ts) stores each request before its first
 * try and sends it once; this chunk is fetched when something is left to settle or retry, which is
 * also when the network may be back: the outcome rules, the backoff timer, resuming an earlier page's
 * items and the manual retry. Every try of an item uses its one Idempotency-Key.
 */

/** Attempts while the browser says it is online before we stop (a CSP block looks like offline). */
export const MAX_ATTEMPTS = 6;

/** Records in the outbox what one try of `item` came to (`result`, the API's answer). */
export function record(
  outbox: Outbox,
  item: OutboxItem,
  result: ApiResult<unknown>,
  env: { now: number; online: boolean },
): Outcome {
  if (result.ok) {
    outbox.remove(item.id);
    return { kind: 'sent', ticket: result.data as Extract<Outcome, { kind: 'sent' }>['ticket'] };
  }
  if (isBlocked(result.status)) {
    // Retrying on a timer cannot help; kept as given up, so it is tried once per page load or by hand.
    const kept: OutboxItem = { ...item, state: 'failed' };
    outbox.put(kept);
    return { kind: 'blocked', item: kept };
  }
  if (!isRetryable(result.status)) {
    outbox.remove(item.id);
    return { kind: 'rejected', result };
  }
  // While offline, tries do not count: the request could not have got through anyway.
  const attempts = env.online ? item.attempts + 1 : item.attempts;
  const state = attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
  const next: OutboxItem = {
    ...item,
    attempts,
    state,
    nextAt: env.now + backoffMs(attempts, result.retryAfterMs),
  };
  outbox.put(next);
  return state === 'failed' ? { kind: 'gave_up', item: next } : { kind: 'queued', item: next };
}

/** Sends one item once and records the result in the outbox. */
export async function attempt(
  api: ApiClient,
  outbox: Outbox,
  item: OutboxItem,
  env: { now: number; online: boolean },
): Promise<Outcome> {
  return record(outbox, item, await api.createTicket(item.body, item.id), env);
}

/**
 * Retries what the outbox holds: on a timer (backoff, Retry-After), on `flush(true)` (the browser came
 * back online), on `start` (what an earlier page left: given-up items get one more try while online)
 * and by hand (`retryAll`). `settle` records the sender's first try when it did not succeed.
 */
export function createRetrier({ api, outbox, now, online, win, onSent, onState, busy }: Retrying) {
  let timer: number | undefined;
  const env = () => ({ now: now(), online: online() });
  /** Tells the panel what a try came to, and sets the timer for what is left. */
  const after = (item: OutboxItem, outcome: Outcome): Outcome => {
    if (outcome.kind === 'sent') {
      onState(outcome);
      onSent(outcome.ticket, item.body);
    } else if (outcome.kind === 'rejected') onState({ kind: 'rejected', outcome });
    else onState({ kind: outcome.kind === 'gave_up' ? 'failed' : outcome.kind });
    schedule();
    return outcome;
  };

  async function run(item: OutboxItem, force = false): Promise<Outcome | undefined> {
    if (busy.has(item.id) || (!force && (item.state === 'failed' || item.nextAt > now()))) {
      return undefined;
    }
    busy.add(item.id);
    const outcome = await attempt(api, outbox, item, env()).finally(() => busy.delete(item.id));
    return after(item, outcome);
  }

  function schedule(): void {
    win.clearTimeout(timer);
    // not an item in flight: its try reschedules when it ends (a due one would fire a timer at once
    // that skips it, and then no timer would be left for the others)
    const next = outbox.list().filter((i) => i.state === 'pending' && !busy.has(i.id));
    if (!next.length) return;
    const at = Math.min(...next.map((i) => i.nextAt));
    timer = win.setTimeout(() => flush(), Math.max(0, at - now())) as unknown as number;
  }

  /** Tries due pending items; `force` tries every item now, failed ones included. */
  function flush(force = false): void {
    for (const item of outbox.list()) void run(item, force);
  }

  return {
    settle: (item: OutboxItem, result: ApiResult<unknown>) =>
      after(item, record(outbox, item, result, env())),
    flush,
    /** Resumes an earlier page's items: given-up ones once more while online, pending ones when due. */
    start: () => {
      const retry = online();
      for (const item of outbox.list()) void run(item, retry && item.state === 'failed');
      schedule();
    },
    /** Manual retry of every stored item, including ones that gave up. */
    retryAll: () => {
      for (const item of outbox.list()) {
        const fresh = { ...item, attempts: 0, state: 'pending' as const };
        outbox.put(fresh);
        void run(fresh, true);
      }
    },
    stop: () => win.clearTimeout(timer),
  };
}

/** The retrier's type. */
export type Retrier = ReturnType<typeof createRetrier>;
