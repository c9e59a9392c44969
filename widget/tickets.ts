/** A JSON map in storage; storage failures and bad JSON read as empty. */
const readMap = (storage: Storage | undefined, key: string): Record<string, string> => {
  try {
    return JSON.parse(storage?.getItem(key) || '{}') as Record<string, string>;
  } catch {
    return {};
  }
};

/** Adds `id: value` to a JSON map in storage (throws on private mode or quota). */
const put = (storage: Storage | undefined, key: string, id: string, value: string) =>
  storage?.setItem(key, JSON.stringify({ ...readMap(storage, key), [id]: value }));

/**
 * The tickets this device holds, `{ [ticket id]: access token }`; with `owner` (identity.ts ownerOf),
 * only that user's. Who sent each is kept beside the tokens (`<key>:owners`), because the loader sends
 * the token map as it is. A ticket with no owner there (sent anonymously, or kept before owners were)
 * is the anonymous user's: it is never dropped when someone signs in, or its sender would lose it.
 */
export function readTickets(
  storage: Storage | undefined,
  key: string,
  owner?: string,
): Record<string, string> {
  const all = readMap(storage, key);
  const owners = readMap(storage, `${key}:owners`);
  for (const id in all) if (owner != null && (owners[id] ?? '') !== owner) delete all[id];
  return all;
}

/** Keeps a ticket's access token and who sent it ('' anonymous), so "My requests" can show and answer it later. */
export function keepTicket(
  storage: Storage | undefined,
  key: string,
  id: string,
  token?: string,
  owner = '',
): void {
  if (!token) return;
  try {
    // the owner first: a token kept without its owner would read as the anonymous user's
    if (owner) put(storage, `${key}:owners`, id, owner);
    put(storage, key, id, token);
  } catch {
    // private mode or quota: the request can still be followed by email
  }
}
