/** A keyset position in a ticket list: sort order, the sort key of the last row, and its id. */
export type Cursor = { sort: 'due' | 'created'; key: number; id: string };

const toB64url = (s: string) => btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** Opaque cursor: base64url of `[sort, key, id]`. */
export function encodeCursor(c: Cursor): string {
  return toB64url(JSON.stringify([c.sort, c.key, c.id]));
}

/** The position in a cursor, or null when it is not one of ours. */
export function decodeCursor(s: string): Cursor | null {
  try {
    const v: unknown = JSON.parse(atob(s.replace(/-/g, '+').replace(/_/g, '/')));
    if (!Array.isArray(v) || v.length !== 3) return null;
    const [sort, key, id] = v;
    if ((sort !== 'due' && sort !== 'created') || !Number.isSafeInteger(key) || typeof id !== 'string')
      return null;
    if (id.length === 0 || id.length > 100) return null;
    return { sort, key, id };
  } catch {
    return null;
  }
}
