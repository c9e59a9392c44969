import type { Env } from '../env';
import { type Db, getDb } from './client';

/** A data database: its drizzle handle and the name of its binding (what queue messages carry). */
export type DataDatabase = { db: Db; binding: string };

/**
 * The one place that says which database holds a desk's tickets. Today every desk is in `DB`; the
 * control/data split (issue 15) replaces this body with a lookup in the desk directory. `binding` is
 * what a queue message says, so a message already on the queue keeps pointing at its database.
 */
export async function dbForDesk(
  env: Pick<Env, 'DB'>,
  _deskId: string,
  _binding: string = 'DB',
): Promise<DataDatabase> {
  return { db: getDb(env.DB), binding: 'DB' };
}

/** Every data database, for the cron's loop. */
export function dataDatabases(env: Pick<Env, 'DB'>): DataDatabase[] {
  return [{ db: getDb(env.DB), binding: 'DB' }];
}
