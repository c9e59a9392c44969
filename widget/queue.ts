import type { TicketCreated, TicketCreateInput } from '../shared/schema';
import type { ApiResult } from './api';

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
