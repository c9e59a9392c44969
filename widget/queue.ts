import type { TicketCreated, TicketCreateInput } from '../shared/schema';
import type { ApiClient, ApiResult } from './api';

/** One unsent submission; `id` is its Idempotency-Key, kept for every retry. */
export interface OutboxItem {
  id: string;
  body: TicketCreateInput;
  attempts: number;
  nextAt: number;
  state: 'pending' | 'failed';
}

/** What happened to one send attempt. */
export type Outcome =
  | { kind: 'sent'; ticket: TicketCreated }
  | { kind: 'queued'; item: OutboxItem }
  | { kind: 'gave_up'; item: OutboxItem }
  /** 401/403: this site may not use the widget key, or the key was revoked; the item is kept, not retried. */
  | { kind: 'blocked'; item: OutboxItem }
  | { kind: 'rejected'; result: ApiResult<TicketCreated> & { ok: false } };

/** Attempts while the browser says it is online before we stop (a CSP block looks like offline). */
export const MAX_ATTEMPTS = 6;

/** Delay before the next try: the server's Retry-After when given, else 2 s doubling up to 5 min. */
export const backoffMs = (attempts: number, retryAfterMs?: number): number =>
  retryAfterMs ?? Math.min(2000 * 2 ** Math.max(0, attempts - 1), 300_000);

/** Whether a failed response is worth retrying: no response at all, timeout, rate limit, 5xx. */
export const isRetryable = (status: number): boolean =>
  status === 0 || status === 408 || status === 429 || status >= 500;

/** Whether the API refused the widget itself (key unknown or revoked, site not allowed): 401 or 403. */
export const isBlocked = (status: number): boolean => status === 401 || status === 403;

/** The outbox in localStorage (ticket submissions, or any items with an id: the replies of issue 13); falls back to memory when storage is blocked. */
export function createOutbox<T extends { id: string } = OutboxItem>(
  storage: Storage | undefined,
  key: string,
) {
  let memory: T[] = [];
  const read = (): T[] => {
    try {
      return storage ? (JSON.parse(storage.getItem(key) || '[]') as T[]) : memory;
    } catch {
      return memory;
    }
  };
  const write = (items: T[]) => {
    memory = items;
    try {
      if (items.length) storage?.setItem(key, JSON.stringify(items));
      else storage?.removeItem(key);
    } catch {
      // quota or blocked storage: the memory copy still retries in this page
    }
  };
  return {
    list: read,
    put: (item: T) => write([...read().filter((i) => i.id !== item.id), item]),
    remove: (id: string) => write(read().filter((i) => i.id !== id)),
  };
}

/** The outbox's type. */
export type Outbox = ReturnType<typeof createOutbox<OutboxItem>>;

/** Sends one item once and records the result in the outbox. */
export async function attempt(
  api: ApiClient,
  outbox: Outbox,
  item: OutboxItem,
  env: { now: number; online: boolean },
): Promise<Outcome> {
  const result = await api.createTicket(item.body, item.id);
  if (result.ok) {
    outbox.remove(item.id);
    return { kind: 'sent', ticket: result.data };
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
