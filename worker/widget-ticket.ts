import type { Flag, Severity, TicketCreate, TicketCreated } from '../shared/schema';
import type { Tenant, Ticket } from './db/schema';
import type { TicketDraft } from './db/tickets';
import { newReplyToken } from './email/route';
import { type Assessment, uniqueFlags } from './ticket-assessment';
import { hmacSha256Hex, sha256Hex } from './tokens';

/**
 * The customer's access token is derived, not stored: HMAC of the ticket id and its random reply token
 * under the raw Idempotency-Key, which is itself stored only hashed. A replay (the same key) re-derives
 * the same token; nobody who can read the database can.
 */
export function accessTokenFor(
  idempotencyKey: string,
  t: Pick<Ticket, 'id' | 'replyToken'>,
): Promise<string> {
  return hmacSha256Hex(idempotencyKey, `kinobi-access-token:${t.id}:${t.replyToken}`);
}

/** Everything the intake decided about a widget request, ready to become a row. */
export interface WidgetTicketInput {
  tenant: Pick<Tenant, 'id' | 'locale'>;
  body: TicketCreate;
  assessment: Assessment;
  /** Whether the host page's identity (userId + userHash) verified. */
  verified: boolean;
  /** Flags as stored when the contact is not authorised; insertTicket settles the final ones in SQL. */
  flags: Flag[];
  due: { clockStartsAt: number; dueAt: number; atRiskAt: number };
  idempotencyKey: string;
  keyHash: string;
  requestHash: string;
  now: number;
}

/** The ticket row of a widget request (content verbatim) and the access token handed to the customer. */
export async function widgetTicketDraft(
  i: WidgetTicketInput,
): Promise<{ draft: TicketDraft; accessToken: string }> {
  const { body, assessment } = i;
  const id = crypto.randomUUID();
  const replyToken = newReplyToken();
  const accessToken = await accessTokenFor(i.idempotencyKey, { id, replyToken });
  const draft: TicketDraft = {
    id,
    tenantId: i.tenant.id,
    channel: 'widget',
    subject: body.subject,
    description: body.description,
    steps: body.steps ?? null,
    expected: body.expected ?? null,
    category: body.category,
    impactAffected: body.impact?.affected ?? null,
    impactWorkaround: body.impact?.workaround ?? null,
    servicesKind: body.servicesKind ?? null,
    severity: assessment.severity,
    severityRule: assessment.severityRule,
    flags: i.flags,
    inScope: assessment.inScope,
    contactName: body.contact.name,
    contactEmail: body.contact.email,
    contactVerified: i.verified,
    contactAuthorised: false, // decided in SQL by insertTicket
    userId: i.verified ? (body.identity?.userId ?? null) : null,
    environment: body.environment,
    context: body.context,
    locale: body.locale ?? i.tenant.locale,
    accessTokenHash: await sha256Hex(accessToken),
    replyToken,
    idempotencyKey: i.keyHash,
    requestHash: i.requestHash,
    clockStartsAt: i.due.clockStartsAt,
    firstResponseDueAt: i.due.dueAt,
    atRiskAt: i.due.atRiskAt,
    createdAt: i.now,
    updatedAt: i.now,
  };
  return { draft, accessToken };
}

/**
 * The flags of a widget ticket for either answer of the authorised-contact check, which insertTicket
 * makes in SQL: rule flags, then unverified / unauthorised contact, then missing holiday data.
 */
export function contactFlagVariants(
  ruleFlags: Flag[],
  verified: boolean,
  holidayDataMissing: boolean,
): { flagsIfAuthorised: Flag[]; flagsIfNot: Flag[] } {
  const variant = (authorised: boolean) =>
    uniqueFlags([
      ...ruleFlags,
      ...(verified ? [] : (['unverified_contact'] as const)),
      ...(authorised ? [] : (['unauthorised_contact'] as const)),
      ...(holidayDataMissing ? (['holiday_data_missing'] as const) : []),
    ]);
  return { flagsIfAuthorised: variant(true), flagsIfNot: variant(false) };
}

/** The 201/200 body of POST /v1/tickets for a stored (or just written) ticket. */
export function ticketCreatedBody(
  t: Pick<
    Ticket,
    'id' | 'number' | 'severity' | 'severityRule' | 'status' | 'firstResponseDueAt' | 'flags' | 'inScope'
  >,
  accessToken: string,
  warnings: string[],
): TicketCreated {
  return {
    id: t.id,
    number: t.number,
    severity: t.severity as Severity,
    severityRule: t.severityRule,
    status: t.status,
    firstResponseDueAt: new Date(t.firstResponseDueAt).toISOString(),
    flags: t.flags as Flag[],
    inScope: t.inScope,
    accessToken,
    warnings,
  };
}
