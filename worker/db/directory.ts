import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './client';
import { type DirectoryKind, deskDatabases, directoryEntries } from './schema';

// Every query here runs on the control database (env.DB): the directory of desks and credentials.

/** One directory entry about to be claimed for a desk. */
export type DirectoryEntry = { kind: DirectoryKind; key: string };

/** The desk an entry names and the database that desk is placed on (null: not placed, so `DB`). */
export async function findDirectoryEntry(control: Db, entry: DirectoryEntry) {
  const [row] = await control
    .select({ deskId: directoryEntries.deskId, database: deskDatabases.database })
    .from(directoryEntries)
    .leftJoin(deskDatabases, eq(deskDatabases.deskId, directoryEntries.deskId))
    .where(and(eq(directoryEntries.kind, entry.kind), eq(directoryEntries.key, entry.key)))
    .limit(1);
  return row;
}

/** The database a desk is placed on, or undefined (a desk from before the split lives in `DB`). */
export async function findDeskDatabase(control: Db, deskId: string): Promise<string | undefined> {
  const [row] = await control
    .select({ database: deskDatabases.database })
    .from(deskDatabases)
    .where(eq(deskDatabases.deskId, deskId))
    .limit(1);
  return row?.database;
}

/**
 * Places a desk on a database unless it is placed already, and returns where it is: a retried
 * creation lands where the first attempt put it.
 */
export async function placeDesk(control: Db, deskId: string, database: string, now: number) {
  await control.insert(deskDatabases).values({ deskId, database, createdAt: now }).onConflictDoNothing();
  return (await findDeskDatabase(control, deskId)) ?? database;
}

/** How many desks each database holds (for placing a new desk on the least loaded). */
export async function desksPerDatabase(control: Db): Promise<Map<string, number>> {
  const rows = await control
    .select({ database: deskDatabases.database, desks: sql<number>`count(*)` })
    .from(deskDatabases)
    .groupBy(deskDatabases.database);
  return new Map(rows.map((r) => [r.database, r.desks]));
}

/**
 * Claims entries for a desk: each is inserted unless it exists, then read back. Returns the entries
 * that belong to ANOTHER desk (a slug, address or id taken across databases); a retry of the same
 * claim finds its own rows and succeeds.
 */
export async function claimDirectoryEntries(
  control: Db,
  deskId: string,
  entries: DirectoryEntry[],
  now: number,
): Promise<DirectoryEntry[]> {
  const [first, ...rest] = entries.map((e) =>
    control
      .insert(directoryEntries)
      .values({ kind: e.kind, key: e.key, deskId, createdAt: now })
      .onConflictDoNothing(),
  );
  if (!first) return [];
  await control.batch([first, ...rest]);
  const taken: DirectoryEntry[] = [];
  for (const kind of new Set(entries.map((e) => e.kind))) {
    const keys = entries.filter((e) => e.kind === kind).map((e) => e.key);
    const rows = await control
      .select({ key: directoryEntries.key, deskId: directoryEntries.deskId })
      .from(directoryEntries)
      .where(and(eq(directoryEntries.kind, kind), inArray(directoryEntries.key, keys)));
    for (const r of rows) if (r.deskId !== deskId) taken.push({ kind, key: r.key });
  }
  return taken;
}

/** Drops a desk's entry (e.g. an organisation's old inbound address); another desk's is left alone. */
export function removeDirectoryEntry(control: Db, deskId: string, entry: DirectoryEntry) {
  return control
    .delete(directoryEntries)
    .where(
      and(
        eq(directoryEntries.kind, entry.kind),
        eq(directoryEntries.key, entry.key),
        eq(directoryEntries.deskId, deskId),
      ),
    );
}
