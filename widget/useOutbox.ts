import { useEffect, useRef, useState } from 'preact/hooks';
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
  | { kind: 'rejected'; outcome: Extract<Outcome, { kind: 'rejected' }> };

interface Deps {
  api: ApiClient;
  outbox: Outbox;
  now: () => number;
  online: () => boolean;
  win: Pick<Window, 'addEventListener' | 'removeEventListener' | 'setTimeout' | 'clearTimeout'>;
  onSent: (ticket: TicketCreated) => void;
}

/**
 * Sends submissions through the outbox: the item is stored before the first try, retried on a
 * timer (backoff, Retry-After) and when the browser comes back online, and resumed on mount.
 */
export function useOutbox({ api, outbox, now, online, win, onSent }: Deps) {
  const [state, setState] = useState<SendState>({ kind: 'idle' });
  const inFlight = useRef(new Set<string>());
  const timer = useRef<number | undefined>(undefined);
  const sentCb = useRef(onSent);
  sentCb.current = onSent;

  async function run(item: OutboxItem, force = false): Promise<Outcome | undefined> {
    if (inFlight.current.has(item.id) || (!force && (item.state === 'failed' || item.nextAt > now()))) {
      return undefined;
    }
    inFlight.current.add(item.id);
    const outcome = await attempt(api, outbox, item, { now: now(), online: online() }).finally(() =>
      inFlight.current.delete(item.id),
    );
    if (outcome.kind === 'sent') {
      setState({ kind: 'sent', ticket: outcome.ticket });
      sentCb.current(outcome.ticket);
    } else if (outcome.kind === 'rejected') setState({ kind: 'rejected', outcome });
    else setState({ kind: outcome.kind === 'queued' ? 'queued' : 'failed' });
    schedule();
    return outcome;
  }

  function schedule(): void {
    win.clearTimeout(timer.current);
    const next = outbox.list().filter((i) => i.state === 'pending');
    if (!next.length) return;
    const at = Math.min(...next.map((i) => i.nextAt));
    timer.current = win.setTimeout(flush, Math.max(0, at - now())) as unknown as number;
  }

  function flush(force = false): void {
    for (const item of outbox.list()) void run(item, force && item.state === 'pending');
  }

  useEffect(() => {
    const back = () => flush(true);
    win.addEventListener('online', back);
    const pending = outbox.list();
    if (pending.length) setState({ kind: pending.some((i) => i.state === 'failed') ? 'failed' : 'queued' });
    flush();
    schedule();
    return () => {
      win.removeEventListener('online', back);
      win.clearTimeout(timer.current);
    };
  }, []);

  return {
    state,
    reset: () => setState({ kind: 'idle' }),
    /** Stores a new submission and tries it at once. */
    submit: (body: TicketCreateInput, id: string) => {
      const item: OutboxItem = { id, body, attempts: 0, nextAt: now(), state: 'pending' };
      outbox.put(item);
      setState({ kind: 'sending' });
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
