import type { SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db } from './client';

const dialect = new SQLiteAsyncDialect();

/**
 * A raw SQL statement usable in `db.batch([...])`. drizzle 0.45's D1 batch reads `.stmt` of every item,
 * which `db.run(sql)` lacks when it has parameters ("reading 'bind'"); this item carries its statement.
 */
export function rawBatchItem(db: Db, chunk: SQL): BatchItem<'sqlite'> {
  const query = dialect.sqlToQuery(chunk);
  const stmt = db.$client.prepare(query.sql);
  const prepared = { getQuery: () => query, stmt, mapResult: (r: unknown) => r };
  return { _prepare: () => prepared } as unknown as BatchItem<'sqlite'>;
}
