import { getDb } from '../db/client';
import { CONTROL_DATABASE, type DatabaseName, isDatabaseName } from '../db/databases';
import { type DirectoryEntry, findDeskDatabase, findDirectoryEntry } from '../db/directory';
import type { Env } from '../env';
import { sha256Hex } from '../tokens';
import { TtlCache } from '../ttl-cache';
import type { CredentialRef } from './credential';

/**
 * How long an isolate trusts a directory answer. Entries only ever point a credential at its desk's
 * database (desks are not moved between databases), so a stale answer cannot let a revoked
 * credential in: revocation is checked in the data database by the route's own middleware.
 */
export const DIRECTORY_TTL_MS = 60_000;

const entryCache = new TtlCache<DatabaseName>(DIRECTORY_TTL_MS, 5_000);
/**
 * Credentials the directory does not know (desks placed in `DB` before the split, or a guess), for a
 * short while: without it every request of such a desk reads the control database first (measured:
 * 16 ms p50 of a 49 ms intake under the bench). Short, because a credential created since must find
 * its entry soon; a fresh secret is entered before it is handed out, so nobody can ask for it earlier.
 */
export const DIRECTORY_MISS_TTL_MS = 10_000;
const missCache = new TtlCache<true>(DIRECTORY_MISS_TTL_MS, 5_000);
const deskCache = new TtlCache<DatabaseName>(DIRECTORY_TTL_MS, 5_000);

/** The control database's handle (directory, holidays). */
export const controlDb = (env: Env) => getDb(env[CONTROL_DATABASE]);

/** A stored database name, or `DB` for none (or one no longer in the registry: failing closed to `DB`). */
const named = (name: string | null | undefined): DatabaseName =>
  name && isDatabaseName(name) ? name : CONTROL_DATABASE;

/** The directory key of a credential: SHA-256 hex of a secret, the key itself otherwise. */
export async function entryOf(ref: CredentialRef): Promise<DirectoryEntry> {
  return { kind: ref.kind, key: 'secret' in ref ? await sha256Hex(ref.secret) : ref.key };
}

/** The database holding the desk an entry names; `DB` when the directory does not know it. */
export async function databaseOfEntry(env: Env, entry: DirectoryEntry, now = Date.now()) {
  const cacheKey = `${entry.kind}:${entry.key}`;
  const hit = entryCache.get(cacheKey, now);
  if (hit) return hit;
  if (missCache.get(cacheKey, now)) return CONTROL_DATABASE;
  const row = await findDirectoryEntry(controlDb(env), entry);
  const name = named(row?.database);
  // Found entries for a minute; unknown ones only briefly, so a later-created one is not pinned to `DB`.
  if (row) entryCache.set(cacheKey, name, now);
  else missCache.set(cacheKey, true, now);
  return name;
}

/** The database of a desk, for work that starts from a desk id (mail after a write, queue messages). */
export async function databaseOfDesk(env: Env, deskId: string, now = Date.now()): Promise<DatabaseName> {
  const hit = deskCache.get(deskId, now);
  if (hit) return hit;
  const stored = await findDeskDatabase(controlDb(env), deskId);
  const name = named(stored);
  if (stored) deskCache.set(deskId, name, now);
  return name;
}

/** Forgets this isolate's directory answers (tests that re-place a desk). */
export function forgetDirectory(): void {
  entryCache.clear();
  missCache.clear();
  deskCache.clear();
}
