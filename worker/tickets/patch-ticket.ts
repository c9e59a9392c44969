import type { z } from 'zod';
import type { TicketPatchSchema } from '../../shared/agent-schema';
import { coverageWithTargets } from '../../shared/policy';
import type { Agent } from '../app-env';
import { coverageOf } from '../coverage';
import { findAgent } from '../db/agents';
import type { Db } from '../db/client';
import { findOrganisation } from '../db/desks';
import { agentActor } from '../db/events';
import type { Desk, Ticket } from '../db/schema';
import { findPatchKey, isPatchKeyConflict, writeTicketPatch } from '../db/ticket-patch';
import { findTicket } from '../db/tickets';
import { backInScopeSentence, outOfScopeSentence } from '../email/scope-strings';
import { ApiError, notFound } from '../errors';
import { assertSameRequest, type IdempotencyHashes, writeOnce } from '../idempotency';
import { settleTicketClocks } from './breaches';
import { ifMatchHolds } from './etag';
import { coverageVersionOf } from './open';
import { planTicketPatch } from './patch';

/**
 * What the customer is told when an agent's flag change moves the request out of standard support,
 * or back into it (guide sections 1, 9, 10): a notice from the desk in the ticket's language, shown in
 * the conversation (widget and link page) and mailed. The agent's reason stays internal.
 */
function scopeNotice(
  ticket: Pick<Ticket, 'inScope' | 'locale'>,
  set: Partial<Ticket>,
  desk: Pick<Desk, 'name'>,
): { author: string; body: string } | undefined {
  if (set.inScope === undefined || set.inScope === ticket.inScope) return undefined;
  const locale = ticket.locale === 'en' ? 'en' : 'id';
  const body = set.inScope ? backInScopeSentence(locale) : outOfScopeSentence(set.flags ?? [], locale);
  return body ? { author: desk.name, body } : undefined;
}

/** An agent's PATCH of a ticket, validated. */
export type PatchRequest = {
  desk: Desk;
  agent: Agent;
  ticketId: string;
  body: z.output<typeof TicketPatchSchema>;
  /** The If-Match header, if sent: the write happens only at that version (else 412). */
  ifMatch?: string;
  hashes?: IdempotencyHashes;
  now: number;
};

const preconditionFailed = () =>
  new ApiError(
    412,
    'precondition_failed',
    'The ticket changed since you read it (If-Match does not name its current ETag): reload it and try again.',
  );

const invalid = (path: string, message: string) =>
  new ApiError(400, 'validation_failed', 'The request is not valid.', [{ path, message }]);

/**
 * Applies an agent's PATCH: resolves references (assignee, organisation and its coverage), plans it
 * (worker/tickets/patch.ts) and writes it in one batch. With If-Match the write is conditional on
 * the version read (two concurrent PATCHes with the same ETag: one wins, the other gets 412 and
 * writes nothing). With an Idempotency-Key a retry of the same request is a replay (nothing
 * written); the same key with another request is a 409. Returns whether it was a replay.
 */
export async function patchTicket(db: Db, r: PatchRequest): Promise<{ replayed: boolean }> {
  const ticket = await findTicket(db, r.desk.id, r.ticketId);
  if (!ticket) throw notFound('ticket');
  const replay = async (keyHash: string) => findPatchKey(db, ticket.id, keyHash);
  if (r.hashes) {
    const seen = await replay(r.hashes.keyHash);
    if (seen) {
      assertSameRequest(seen.requestHash, r.hashes.requestHash);
      return { replayed: true };
    }
  }
  if (r.ifMatch !== undefined && !ifMatchHolds(r.ifMatch, ticket.version)) throw preconditionFailed();
  const { body } = r;
  const assigneeId =
    body.assignee === undefined ? undefined : body.assignee === 'me' ? r.agent.id : body.assignee;
  if (assigneeId && !(await findAgent(db, r.desk.id, assigneeId)))
    throw invalid('assignee', 'no such agent in this desk');
  let organisation: Parameters<typeof planTicketPatch>[1]['organisation'];
  if (body.organisation !== undefined) {
    const row = await findOrganisation(db, r.desk.id, body.organisation);
    if (!row) throw invalid('organisation', 'no such organisation in this desk');
    const orgCoverage = (await coverageOf(db, row, r.now)).coverage;
    organisation = { row, coverage: orgCoverage, coverageVersion: await coverageVersionOf(orgCoverage) };
  }
  const current = ticket.organisationId
    ? await findOrganisation(db, r.desk.id, ticket.organisationId)
    : undefined;
  const { coverage } = await coverageOf(db, current ?? r.desk, r.now);
  const plan = planTicketPatch(
    ticket,
    { ...body, assigneeId, organisation, by: r.agent },
    coverageWithTargets(coverage, ticket.policyTargets),
    r.now,
  );
  if (plan.events.length === 0) return { replayed: false };
  const written = await writeOnce(
    r.hashes,
    () =>
      writeTicketPatch(db, ticket, {
        set: plan.set,
        events: plan.events,
        by: agentActor(r.agent),
        now: r.now,
        expectedVersion: r.ifMatch === undefined ? undefined : ticket.version,
        idempotency: r.hashes,
        notice: scopeNotice(ticket, plan.set, r.desk),
      }),
    isPatchKeyConflict,
    replay,
  );
  if (!written.replayed && written.value === null) throw preconditionFailed();
  if (!written.replayed) await settleTicketClocks(db, ticket.deskId, ticket.id, r.now);
  return { replayed: written.replayed };
}
