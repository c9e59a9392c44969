import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../db/client';
import { insertEscalation } from '../db/escalations';
import { type Actor, eventInsert } from '../db/events';
import { findEscalationByKey, isEscalationKeyConflict } from '../db/replays';
import type { Desk, Escalation } from '../db/schema';
import { type IdempotencyHashes, type Written, writeOnce } from '../idempotency';
import { enqueueWebhook } from '../webhooks';
import { iso } from './view';

/** The note on the automatic escalation of a reported security incident. */
export const SECURITY_ESCALATION_NOTE =
  'Security incident reported by the customer: escalated to the security team on receipt (guide sections 6 and 11).';

/** Guide section 6: the teams a ticket can be escalated to. */
export type EscalationTeam = Escalation['team'];

/** An escalation about to be written. */
export interface EscalationInput {
  ticket: {
    id: string;
    deskId: string;
    number?: number;
    subject: string;
    severity: number;
    personalData?: boolean;
    notificationDeadlineAt?: number | null;
  };
  desk: Pick<Desk, 'webhookUrl'>;
  team: EscalationTeam;
  note: string;
  by: Actor;
  hashes?: IdempotencyHashes;
  now: number;
}

/**
 * The statements of one escalation (guide section 6): the escalation row, an `escalated` event and,
 * when the desk has a webhook, a pending delivery. Returned for the caller's batch, so the intake's
 * security fast path writes them with the ticket (a security report is never stored without its
 * escalation) and the agents' route writes them alone. The one implementation of escalating.
 */
export function escalationStatements(
  db: Db,
  e: EscalationInput,
): { row: Escalation; items: BatchItem<'sqlite'>[] } {
  const row: Escalation = {
    id: crypto.randomUUID(),
    ticketId: e.ticket.id,
    deskId: e.ticket.deskId,
    team: e.team,
    note: e.note,
    actor: e.by.actor,
    agentId: e.by.agentId,
    idempotencyKey: e.hashes?.keyHash ?? null,
    requestHash: e.hashes?.requestHash ?? null,
    createdAt: e.now,
  };
  const items: BatchItem<'sqlite'>[] = [
    insertEscalation(db, row),
    eventInsert(
      db,
      e.ticket,
      { type: 'escalated', by: e.by, data: { team: e.team, note: e.note, escalationId: row.id } },
      e.now,
    ),
  ];
  if (e.desk.webhookUrl) {
    const event = 'ticket.escalated';
    items.push(
      enqueueWebhook(db, {
        deskId: e.ticket.deskId,
        ticketId: e.ticket.id,
        event,
        // The fast path's escalation is once per ticket; an agent's, once per escalation.
        dedupeKey:
          e.by.actor === 'system' ? `${e.ticket.id}:${event}:${e.team}` : `${e.ticket.id}:${event}:${row.id}`,
        payload: {
          event,
          ticket: {
            id: e.ticket.id,
            ...(e.ticket.number === undefined ? {} : { number: e.ticket.number }),
            subject: e.ticket.subject,
            severity: e.ticket.severity,
            team: e.team,
            // Guide section 11: personal data involved, and the 72-hour wall-clock notification deadline.
            personalData: e.ticket.personalData === true,
            notificationDeadlineAt:
              e.ticket.notificationDeadlineAt == null ? null : iso(e.ticket.notificationDeadlineAt),
          },
          team: e.team,
          note: e.note,
          actor: e.by.actor,
          at: iso(e.now),
        },
        now: e.now,
      }),
    );
  }
  return { row, items };
}

/** Escalates a stored ticket in one batch; a retry with the same Idempotency-Key returns the first escalation. */
export async function escalate(db: Db, e: EscalationInput): Promise<Written<Escalation, Escalation>> {
  const { row, items } = escalationStatements(db, e);
  const [first, ...rest] = items;
  return writeOnce(
    e.hashes,
    async () => {
      if (first) await db.batch([first, ...rest]);
      return row;
    },
    isEscalationKeyConflict,
    (keyHash) => findEscalationByKey(db, e.ticket.id, keyHash),
  );
}
