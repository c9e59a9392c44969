import type { TicketCreated, TicketCreateInput } from '../shared/schema';
import type { ApiClient } from './api';
import { isBlocked, isRetryable, type Outbox, type OutboxItem, type Outcome } from './queue';
import type { Retrier } from './retry';

/** What the user sees about the latest submission. */
export type SendState =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'sent'; ticket: TicketCreated }
  | { kind: 'queued' }
  | { kind: 'failed' }
  /** The API refused the widget on this site (401/403): the request is kept, not sent. */
  | { kind: 'blocked' }
  | { kind: 'rejected'; outcome: Extract<Outcome, { kind: 'rejected' }> };

interface Deps {
  api: ApiClient;
  outbox: Outbox;
  now: () => number;
  online: () => boolean;
  win: Pick<Window, 'addEventListener' | 'removeEventListener' | 'setTimeout' | 'clearTimeout'>;
  /** A ticket was created from `body`: just now, or later from the outbox. */
  onSent: (ticket: TicketCreated, body: TicketCreateInput) => void;
  /** The state to show changed. */
  onState: (state: SendState) => void;
  /** Loads the retry chunk (retry.ts); tests pass one that fails. */
  loadRetry?: () => Promise<{ createRetrier: (r: Retrying) => Retrier }>;
}

/** How long after the retry chunk failed to load it is fetched again. */
export const CHUNK_RETRY_MS = 30_000;

/** What the retry chunk gets from the sender: its deps and the ids of the items in flight. */
export type Retrying = Deps & { busy: Set<string> };

/**
 * Sends submissions through the outbox: the item is stored before the first try, and sent once. What
 * is left (no response, a 5xx or 429, a 401/403) goes to the retry chunk (retry.ts), fetched
 * only then: it records the outcome, retries on a timer (backoff, Retry-After) and when the browser
 * comes back online, and resumes on `start` (page load) what an earlier page left. When that chunk
 * cannot load (offline), the request stays stored and shown as saved, and the next `online` event or
 * page load fetches it again. A plain controller, not a hook: the panel ships no hooks library
 * (issue 12's weight), and its state reaches the panel through `onState`.
 */
export function createSender(deps: Deps) {
  const { api, outbox, now, online, win, onSent, onState, loadRetry = () => import('./retry') } = deps;
  const busy = new Set<string>();
  let retrier: Promise<Retrier> | undefined;
  let again: ReturnType<Window['setTimeout']> | undefined;
  let stopped = false;
  /**
   * Runs `then` with the retry chunk; undefined when it cannot load. It is then fetched again on the next
   * `online` event, page load, or after CHUNK_RETRY_MS (the server down while the browser says online).
   */
  const retry = <T>(then: (r: Retrier) => T): Promise<T | undefined> => {
    retrier ??= loadRetry().then(
      (m) => {
        win.clearTimeout(again);
        return m.createRetrier({ ...deps, busy });
      },
      (e) => {
        retrier = undefined;
        win.clearTimeout(again);
        if (!stopped) again = win.setTimeout(back, CHUNK_RETRY_MS);
        throw e;
      },
    );
    return retrier.then(then, () => undefined);
  };
  /**
   * One try of a stored item, with its key: sent, or refused (a 4xx), is settled here; anything else
   * (no response, 5xx, 429, 401/403) is left stored for the retry chunk, and the outcome is undefined.
   * Its sent/refused branches repeat the first two of retry.ts `record` on purpose: a shared helper in
   * the panel measured +31 B gzip on the common intake path (issue 12's weight).
   */
  const tryOnce = async (item: OutboxItem) => {
    busy.add(item.id);
    const result = await api.createTicket(item.body, item.id);
    // answered: a retry (the browser came online meanwhile) may send it again, with the same key
    busy.delete(item.id);
    let outcome: Outcome | undefined;
    if (result.ok) {
      outbox.remove(item.id);
      outcome = { kind: 'sent', ticket: result.data };
      onState(outcome);
      onSent(result.data, item.body);
    } else if (!isRetryable(result.status) && !isBlocked(result.status)) {
      // refused (a 4xx): the form says why, whether or not the retry chunk could come
      outbox.remove(item.id);
      outcome = { kind: 'rejected', result };
      onState({ kind: 'rejected', outcome });
    }
    return { outcome, result };
  };
  // Only when something waits (an empty outbox fetches nothing). Without the chunk (a browser that keeps
  // a failed module import failed for the page's life: whatwg/html#6768), the waiting items are tried
  // once each here, with their keys; the rest waits for the next try.
  const back = () => {
    if (stopped || !outbox.list().length) return;
    void retry((r) => {
      r.flush(true);
      return true;
    }).then((done) => {
      if (!done && !stopped)
        for (const item of outbox.list())
          if (item.state === 'pending' && !busy.has(item.id)) void tryOnce(item);
    });
  };

  return {
    /** Resumes what the outbox holds from an earlier page; `stop` undoes the listener and the timer. */
    start: () => {
      win.addEventListener('online', back);
      const items = outbox.list();
      // While a given-up item is tried again the user sees "saved, will be sent"; it shows as failed
      // only when that try fails too.
      if (!items.length) return;
      onState({ kind: !online() && items.some((i) => i.state === 'failed') ? 'failed' : 'queued' });
      void retry((r) => r.start());
    },
    stop: () => {
      stopped = true;
      win.removeEventListener('online', back);
      win.clearTimeout(again);
      void retrier?.then(
        (r) => r.stop(),
        () => undefined,
      );
    },
    /** Stores a new submission and tries it at once. */
    submit: async (body: TicketCreateInput, id: string): Promise<Outcome> => {
      const item: OutboxItem = { id, body, attempts: 0, nextAt: now(), state: 'pending' };
      outbox.put(item);
      onState({ kind: 'sending' });
      const { outcome: settled, result } = await tryOnce(item);
      let outcome = settled;
      if (!outcome) {
        // no response: stored, and shown so at once, however long the chunk takes
        if (!result.status) onState({ kind: 'queued' });
        outcome = await retry((r) => r.settle(item, result));
      }
      if (outcome) return outcome;
      onState({ kind: 'queued' });
      return { kind: 'queued', item };
    },
    /** Manual retry of every stored item, including ones that gave up. */
    retryAll: () => void retry((r) => r.retryAll()),
  };
}
