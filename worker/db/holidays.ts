import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { holidays } from './schema';

/** Every holiday row added at run time (all sets), as the coverage compiler reads them. */
export function allHolidayRows(db: Db) {
  return db
    .select({ setName: holidays.setName, date: holidays.date, name: holidays.name, kind: holidays.kind })
    .from(holidays);
}

/** One trivial read of the schema: whether D1 answers (GET /v1/health). */
export async function pingDatabase(db: Db): Promise<void> {
  await db.run(sql`select 1 from desks limit 1`);
}
