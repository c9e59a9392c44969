import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from './db/client';
import { escalations, type Tenant, ticketEvents } from './db/schema';
import { enqueueWebhook } from './webhooks';

/** The note on the automatic escalation of a reported security incident. */
export const SECURITY_ESCALATION_NOTE =
  'Security incident reported by the customer: escalated to the security team on receipt (guide sections 6 and 11).';

/** What the fast path needs to know about the new ticket. */
export interface SecurityTicket {
  id: string;
  tenantId: string;
  subject: string;
  severity: number;
  createdAt: number;
}

/**
 * The security fast path: an `escalated` event to `security`, an escalation row and, when the tenant
 * configured a webhook, a pending delivery via webhooks.ts (the cron sends it, signed and retried). Returned as
 * statements so the intake writes them in the same batch as the ticket: a security report is never
 * stored without its escalation. The ticket number is not known before the batch runs, so the
 * webhook payload identifies the ticket by id.
 */
export function securityFastPath(
  db: Db,
  tenant: Pick<Tenant, 'webhookUrl'>,
  ticket: SecurityTicket,
): BatchItem<'sqlite'>[] {
  const { id: ticketId, tenantId, createdAt } = ticket;
  const items: BatchItem<'sqlite'>[] = [
    db.insert(ticketEvents).values({
      id: crypto.randomUUID(),
      ticketId,
      tenantId,
      type: 'escalated',
      actor: 'system',
      data: { team: 'security', note: SECURITY_ESCALATION_NOTE },
      createdAt,
    }),
    db.insert(escalations).values({
      id: crypto.randomUUID(),
      ticketId,
      tenantId,
      team: 'security',
      note: SECURITY_ESCALATION_NOTE,
      actor: 'system',
      createdAt,
    }),
  ];
  if (tenant.webhookUrl) {
    const event = 'ticket.escalated';
    items.push(
      enqueueWebhook(db, {
        tenantId,
        ticketId,
        event,
        dedupeKey: `${ticketId}:${event}:security`,
        payload: {
          event,
          ticket: { id: ticketId, subject: ticket.subject, severity: ticket.severity },
          team: 'security',
          note: SECURITY_ESCALATION_NOTE,
          at: new Date(createdAt).toISOString(),
        },
        now: createdAt,
      }),
    );
  }
  return items;
}
