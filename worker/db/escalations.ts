import type { Db } from './client';
import { type Escalation, escalations } from './schema';

/** Inserts an escalation row (for the caller's batch, with its event and webhook). */
export const insertEscalation = (db: Db, row: Escalation) => db.insert(escalations).values(row);
