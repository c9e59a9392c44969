import type { Env } from '../env';
import { databaseOfDesk } from '../planes/resolve';
import { type Db, getDb } from './client';
import { ALL_DATABASES, isDatabaseName } from './databases';

/** A data database: its drizzle handle and the name of its binding (what queue messages carry). */
export type DataDatabase = { db: Db; binding: string };

/**
 * The database that holds a desk's tickets, for work that starts from a desk id (queue consumers,
 * mail after a write). A queue message names the binding it was produced for: a desk never moves
 * between databases (docs/scale.md), so that name is trusted when it is one of the registry's;
 * otherwise the control database's directory says (worker/planes/resolve.ts).
 */
export async function dbForDesk(env: Env, deskId: string, binding?: string): Promise<DataDatabase> {
  const name = binding && isDatabaseName(binding) ? binding : await databaseOfDesk(env, deskId);
  return { db: getDb(env[name]), binding: name };
}

/** Every database that may hold desks' data (the control one first: desks placed before the split), for the cron. */
export function dataDatabases(env: Env): DataDatabase[] {
  return ALL_DATABASES.map((name) => ({ db: getDb(env[name]), binding: name }));
}
