/**
 * True when `err`, or an error in its cause chain, came from D1 (drizzle wraps D1's errors in a
 * "Failed query" error). These surface as 503 `unavailable`, never as a 500 or a lost write.
 */
export function isD1Error(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (/\bD1_|SQLITE_|^Failed query:/.test(e.message) || e.name === 'DrizzleQueryError') return true;
  }
  return false;
}

/** True when `err` (or a cause) is the UNIQUE violation of these columns, e.g. `tickets.desk_id, tickets.idempotency_key`. */
export function isUniqueViolation(err: unknown, columns = ''): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e.message.includes(`UNIQUE constraint failed: ${columns}`)) return true;
  }
  return false;
}
