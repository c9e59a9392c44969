import type { Category, Locale, Severity, TicketCreated, TicketCreateInput } from '../shared/schema';

/** What the result screen shows about a sent request; kept until the user starts a new one. */
export interface LastResult {
  number: number;
  severity: Severity;
  dueAt: string;
  /** `dueAt` as the server worded it, in both languages (absent in a result saved before it did). */
  dueText?: Record<Locale, string>;
  email: string;
  category: Category;
  /** Who sent it (identity.ts ownerOf): shown to that user only (absent before it was kept: to nobody). */
  who?: string;
}

/** The result of a ticket the server created from `body`, sent by `who`. */
export const toResult = (t: TicketCreated, body: TicketCreateInput, who: string): LastResult => ({
  number: t.number,
  severity: t.severity,
  dueAt: t.firstResponseDueAt,
  dueText: t.firstResponseDueText,
  email: body.contact?.email ?? '',
  category: body.category,
  who,
});

/** Reads the saved result, if any; storage failures read as none. */
export function loadResult(storage: Storage | undefined, key: string): LastResult | undefined {
  try {
    return JSON.parse(storage?.getItem(key) || 'null') ?? undefined;
  } catch {
    return undefined;
  }
}

/** Saves the result, or forgets it when `result` is undefined. */
export function saveResult(storage: Storage | undefined, key: string, result: LastResult | undefined): void {
  try {
    if (result) storage?.setItem(key, JSON.stringify(result));
    else storage?.removeItem(key);
  } catch {
    // private mode or quota: the result stays on screen until the page closes
  }
}
