import { desc, eq } from 'drizzle-orm';
import type { Db } from './client';
import { type DeadLetter, deadLetters } from './schema';

/** Records a dead letter once per queue message id (a redelivered dead letter writes nothing new). */
export function insertDeadLetter(db: Db, row: Omit<DeadLetter, 'createdAt'>, now: number) {
  return db
    .insert(deadLetters)
    .values({ ...row, createdAt: now })
    .onConflictDoNothing();
}

/** A desk's dead letters, newest first. */
export function deadLettersOf(db: Db, deskId: string, limit = 100): Promise<DeadLetter[]> {
  return db
    .select()
    .from(deadLetters)
    .where(eq(deadLetters.deskId, deskId))
    .orderBy(desc(deadLetters.createdAt))
    .limit(limit);
}
