import { sql } from 'drizzle-orm';
import type { Db } from './client';

/** What one table holds: its rows and the bytes of their values (no page, index or row overhead). */
export type TableStats = { table: string; rows: number; payloadBytes: number };

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The database's size as D1 reports it (`meta.size_after`, the SQLite file: pages of tables and
 * indexes), and per table the rows and the bytes of their values. For the capacity bench only:
 * it reads every row of every table.
 */
export async function storageStats(db: Db): Promise<{ sizeBytes: number | null; tables: TableStats[] }> {
  const probe = await db.$client.prepare('select 1').run();
  const sizeBytes = (probe.meta as { size_after?: number }).size_after ?? null;
  const names = await db.all<{ name: string }>(
    sql`select name from sqlite_master where type = 'table'
        and name not like 'sqlite_%' and name not like '_cf_%' and name not like 'd1_%' order by name`,
  );
  const tables: TableStats[] = [];
  for (const { name } of names) {
    const cols = await db.all<{ name: string }>(sql`select name from pragma_table_info(${name})`);
    const bytes = cols.map((c) => `coalesce(length(cast(${quoteId(c.name)} as blob)), 0)`).join(' + ') || '0';
    const row = await db.$client
      .prepare(`select count(*) as rows, coalesce(sum(${bytes}), 0) as bytes from ${quoteId(name)}`)
      .first<{ rows: number; bytes: number }>();
    tables.push({ table: name, rows: row?.rows ?? 0, payloadBytes: row?.bytes ?? 0 });
  }
  return { sizeBytes, tables };
}
