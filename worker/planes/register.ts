import { CONTROL_DATABASE, DATA_DATABASES, type DatabaseName } from '../db/databases';
import { claimDirectoryEntries, desksPerDatabase, placeDesk } from '../db/directory';
import type { Env } from '../env';
import { ApiError } from '../errors';
import type { CredentialRef } from './credential';
import { controlDb, entryOf } from './resolve';

/**
 * Writes the directory entries of new credentials, ids or addresses of a desk in the control
 * database BEFORE their rows are written in the desk's data database: a credential never exists
 * that the directory cannot route. An entry whose row then fails to be written points at nothing
 * and is harmless; a retry claims it again. 409 `conflict` with `message` when another desk holds one
 * (slugs, addresses and ids are unique across databases through these entries).
 */
export async function registerEntries(
  env: Env,
  deskId: string,
  refs: CredentialRef[],
  { now = Date.now(), message = 'This is taken by another desk.' }: { now?: number; message?: string } = {},
): Promise<void> {
  const entries = await Promise.all(refs.map(entryOf));
  const taken = await claimDirectoryEntries(controlDb(env), deskId, entries, now);
  if (taken.length) throw new ApiError(409, 'conflict', message);
}

/** The data database with the fewest desks (ties: registry order). */
export function leastLoaded(loads: Map<string, number>): DatabaseName {
  let best: DatabaseName = DATA_DATABASES[0];
  for (const name of DATA_DATABASES) if ((loads.get(name) ?? 0) < (loads.get(best) ?? 0)) best = name;
  return best;
}

/**
 * Places a new desk: on `requested` when given (admin API field `database`), else on the least loaded
 * data database. A desk already placed (a retried creation) stays where it is.
 */
export async function placeNewDesk(
  env: Env,
  deskId: string,
  requested: DatabaseName | undefined,
  now = Date.now(),
): Promise<DatabaseName> {
  const control = controlDb(env);
  const choice = requested ?? leastLoaded(await desksPerDatabase(control));
  const stored = await placeDesk(control, deskId, choice, now);
  return (DATA_DATABASES as readonly string[]).includes(stored) ? (stored as DatabaseName) : CONTROL_DATABASE;
}
