import type { z } from 'zod';
import { TicketPatchSchema } from '../../shared/agent-schema';
import { SCOPE_FLAGS, type ScopeFlag } from '../../shared/scope';
import type { Agent } from '../app-env';
import type { Db } from '../db/client';
import type { Desk } from '../db/schema';
import { findTicket } from '../db/tickets';
import { ApiError, notFound } from '../errors';
import { issueDetails } from '../validation';
import { patchTicket } from './patch-ticket';

type PatchBody = z.output<typeof TicketPatchSchema>;

/**
 * What the console's forms ask to change: a PATCH body, or (the flags form) the exclusion flags the
 * ticket should carry, which becomes `flags: { add, remove }` against the ticket's current ones.
 */
export type TicketChange = Partial<Omit<PatchBody, 'flags'>> & {
  /** The exclusion flags the ticket should have after the change (the console's checkboxes). */
  flags?: string[];
  /** Kept for the console's form; in scope follows the flags (shared/scope.ts). */
  inScope?: boolean;
};

/**
 * The console's writes go through the same PATCH core as the API (worker/tickets/patch-ticket.ts):
 * the same rules (reasons, the security-downgrade rule, recomputed clocks), audit events and version.
 * Returns the ticket's id; 404 for another desk's.
 */
export async function applyTicketChange(
  db: Db,
  {
    desk,
    agent,
    ticketId,
    change,
    now,
  }: { desk: Desk; agent: Agent; ticketId: string; change: TicketChange; now: number },
): Promise<string> {
  const { flags, inScope: _derived, ...rest } = change;
  const body: Record<string, unknown> = { ...rest };
  if (flags !== undefined) {
    const ticket = await findTicket(db, desk.id, ticketId);
    if (!ticket) throw notFound('ticket');
    const want = new Set(flags.filter((f): f is ScopeFlag => (SCOPE_FLAGS as readonly string[]).includes(f)));
    const have = new Set(
      ticket.flags.filter((f): f is ScopeFlag => (SCOPE_FLAGS as readonly string[]).includes(f)),
    );
    const add = [...want].filter((f) => !have.has(f));
    const remove = [...have].filter((f) => !want.has(f));
    if (add.length || remove.length) body.flags = { add, remove };
  }
  // Nothing asked (e.g. the flags form sent the flags the ticket has): nothing to write.
  if (Object.keys(body).filter((k) => k !== 'reason').length === 0) return ticketId;
  // The same validation as PATCH /v1/tickets/{id} (a reason for flags and severity, known flags only).
  const parsed = TicketPatchSchema.safeParse({ ...body, reason: body.reason || undefined });
  if (!parsed.success) {
    throw new ApiError(400, 'validation_failed', 'The request is not valid.', issueDetails(parsed.error));
  }
  await patchTicket(db, { desk, agent, ticketId, body: parsed.data, now });
  return ticketId;
}
