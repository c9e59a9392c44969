/** The tickets this device holds, `{ [ticket id]: access token }`; storage failures read as none. */
export function readTickets(storage: Storage | undefined, key: string): Record<string, string> {
  try {
    return JSON.parse(storage?.getItem(key) || '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

/** Keeps a ticket's access token on this device, so "My requests" can show and answer it later. */
export function keepTicket(storage: Storage | undefined, key: string, id: string, token?: string): void {
  if (!token) return;
  try {
    storage?.setItem(key, JSON.stringify({ ...readTickets(storage, key), [id]: token }));
  } catch {
    // private mode or quota: the request can still be followed by email
  }
}
