import type { Env } from '../env';

/** The control database's binding: the directory and holiday data (and the desks placed before issue 15). */
export const CONTROL_DATABASE = 'DB';

/**
 * The registry of data databases: one `[[d1_databases]]` block each in wrangler.toml. A new desk is
 * placed on one of these; adding a database is a binding there, its name here and its migrations.
 */
export const DATA_DATABASES = ['DATA_1', 'DATA_2'] as const;

/** A binding that may hold a desk's data. */
export type DatabaseName = typeof CONTROL_DATABASE | (typeof DATA_DATABASES)[number];

/** Every database that may hold desks' data, the control one first (it holds the desks placed before the split). */
export const ALL_DATABASES: readonly DatabaseName[] = [CONTROL_DATABASE, ...DATA_DATABASES];

/** Whether a stored name is one of the registry's (a directory row naming a removed binding is not). */
export function isDatabaseName(name: string): name is DatabaseName {
  return (ALL_DATABASES as readonly string[]).includes(name);
}

/** The D1 binding of a database name. */
export function d1Of(env: Env, name: DatabaseName): D1Database {
  return env[name];
}
