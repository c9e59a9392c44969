import type { TicketCreated, TicketCreateInput } from '../shared/schema';
import type { ApiClient } from './api';
import { attempt, type Outbox, type OutboxItem, type Outcome } from './queue';

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
}

/**
 * Sends submissions through the outbox: the item is stored before the first try, retried on a
 * timer (backoff, Retry-After) and when the browser comes back online, and resumed by `start`. Items
 * that gave up (failed while online) get one more try on each start (page load) and each `online`
 * event: whatever blocked them may be gone. A plain controller, not a hook: the panel ships no hooks
 * library (issue 12's weight), and its state reaches the panel through `onState`.
 */
export function createSender({ api, outbox, now, online, win, onSent, onState }: Deps) {
  const inFlight = new Set<string>();
  let timer: number | undefined;

  async function run(item: OutboxItem, force = false): Promise<Outcome | undefined> {
    if (inFlight.has(item.id) || (!force && (item.state === 'failed' || item.nextAt > now()))) {
      return undefined;
    }
    inFlight.add(item.id);
    const outcome = await attempt(api, outbox, item, { now: now(), online: online() }).finally(() =>
      inFlight.delete(item.id),
    );
    if (outcome.kind === 'sent') {
      onState({ kind: 'sent', ticket: outcome.ticket });
      onSent(outcome.ticket, item.body);
    } else if (outcome.kind === 'rejected') onState({ kind: 'rejected', outcome });
    else onState({ kind: outcome.kind === 'gave_up' ? 'failed' : outcome.kind });
    schedule();
    return outcome;
  }

  function schedule(): void {
    win.clearTimeout(timer);
    const next = outbox.list().filter((i) => i.state === 'pending');
    if (!next.length) return;
    const at = Math.min(...next.map((i) => i.nextAt));
    timer = win.setTimeout(() => flush(), Math.max(0, at - now())) as unknown as number;
  }

  /** Tries due pending items; `force` tries every item now, failed ones included. */
  function flush(force = false): void {
    for (const item of outbox.list()) void run(item, force);
  }
  const back = () => flush(true);

  return {
    /** Resumes what the outbox holds from an earlier page; `stop` undoes the listener and the timer. */
    start: () => {
      win.addEventListener('online', back);
      const items = outbox.list();
      const retry = online();
      // While a given-up item is tried again the user sees "saved, will be sent"; it shows as failed
      // only when that try fails too.
      if (items.length)
        onState({ kind: !retry && items.some((i) => i.state === 'failed') ? 'failed' : 'queued' });
      for (const item of items) void run(item, retry && item.state === 'failed');
      schedule();
    },
    stop: () => {
      win.removeEventListener('online', back);
      win.clearTimeout(timer);
    },
    /** Stores a new submission and tries it at once. */
    submit: (body: TicketCreateInput, id: string) => {
      const item: OutboxItem = { id, body, attempts: 0, nextAt: now(), state: 'pending' };
      outbox.put(item);
      onState({ kind: 'sending' });
      return run(item, true);
    },
    /** Manual retry of every stored item, including ones that gave up. */
    retryAll: () => {
      for (const item of outbox.list()) {
        const fresh = { ...item, attempts: 0, state: 'pending' as const };
        outbox.put(fresh);
        void run(fresh, true);
      }
    },
  };
}
