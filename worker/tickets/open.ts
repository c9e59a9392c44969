import type { BatchItem } from 'drizzle-orm/batch';
import { nextClockCheckAt } from '../../shared/clock-check';
import { ticketClocks } from '../../shared/clocks';
import { guideVersionAt } from '../../shared/guide';
import { clockTargetsOf, policyTargetsOf } from '../../shared/policy';
import type { Flag, Severity, TicketCreated } from '../../shared/schema';
import { notificationDeadlineAt } from '../../shared/security';
import { slaSummaryColumns } from '../../shared/sla-summary';
import type { Coverage } from '../../shared/targets';
import { ticketClock } from '../../shared/ticket-clock';
import type { Db } from '../db/client';
import type { Actor } from '../db/events';
import type { CHANNELS, Desk, Organisation, Ticket } from '../db/schema';
import { findByIdempotencyKey, insertTicket, isIdempotencyConflict, type TicketDraft } from '../db/tickets';
import { newReplyToken } from '../email/route';
import { type IdempotencyHashes, writeOnce } from '../idempotency';
import { sha256Hex } from '../tokens';
import { type Assessment, canonicalJson, uniqueFlags } from './assessment';
import { escalationStatements, SECURITY_ESCALATION_NOTE } from './escalate';

/** A request as any channel hands it to the desk, after its own parsing and the guide's rules. */
export interface OpenRequest {
  desk: Pick<Desk, 'id' | 'webhookUrl' | 'locale'>;
  /** Null when nothing verified the organisation: the desk's standard coverage applies. */
  organisation: Pick<Organisation, 'id' | 'locale'> | null;
  coverage: Coverage;
  channel: (typeof CHANNELS)[number];
  content: {
    subject: string;
    description: string;
    steps?: string | null;
    expected?: string | null;
    category: string;
    impact?: { affected: string; workaround: string } | null;
    servicesKind?: string | null;
  };
  assessment: Pick<Assessment, 'severity' | 'severityRule' | 'flags' | 'inScope'>;
  /** The reporter says personal data is involved (guide section 11): flag and 72-hour deadline. */
  personalData?: boolean;
  contact: {
    name: string;
    email: string;
    /** Whether something signed the email (an identity token's claim); a typed email is not. */
    verified: boolean;
    /** Whether to decide `contact_authorised` against the organisation's contacts (guide section 7). */
    checkAuthorised: boolean;
  };
  userId?: string | null;
  environment?: unknown;
  context?: unknown;
  locale?: string | null;
  /** When the customer reported it (the clock starts then); `now` except for agent-logged requests. */
  receivedAt: number;
  now: number;
  by: Actor;
  /** Extra facts for the `created` event (channel specifics: message id, triage match, who logged it). */
  createdData?: Record<string, unknown>;
  idempotency?: IdempotencyHashes;
  emailMessageId?: string;
  /** Statements written in the same batch (e.g. attachments of an email). */
  extra?: (ticketId: string) => BatchItem<'sqlite'>[];
  /** The customer's access token hash; a random one when the channel hands out none (email, phone). */
  accessTokenHash?: string;
  id?: string;
  replyToken?: string;
}

/** What the intake wrote (or found, for a retry with the same Idempotency-Key). */
export type Opened =
  | {
      replayed: false;
      ticket: TicketDraft & { number: number; flags: Flag[]; status: 'new' };
      missingHolidayYears: number[];
    }
  | { replayed: true; ticket: Ticket };

/** The version of an order form: a content hash of its canonical JSON (the same form, the same version). */
export async function coverageVersionOf(cov: Coverage): Promise<string> {
  // A compiled coverage is cached per isolate (worker/coverage.ts), so its hash is worth caching too.
  const hit = versions.get(cov);
  if (hit) return hit;
  const version = `sha256:${(await sha256Hex(canonicalJson(cov.spec))).slice(0, 16)}`;
  versions.set(cov, version);
  return version;
}
const versions = new WeakMap<Coverage, string>();

/**
 * Opens a ticket, for every channel (widget, email, agent-logged): the clock from `receivedAt` on the
 * coverage in force, the policy in force recorded on the row (guide version at receipt, the order
 * form's version and the targets used), a personal-data deadline when one applies, the flags (rules, unverified contact or organisation, missing holiday data), the
 * authorised-contact rule decided inside the INSERT, the `created` event, and for a security incident
 * the escalation to security in the same batch. With idempotency hashes a retry, or the loser of two
 * concurrent first requests, gets the ticket that exists (a different body: 409).
 */
export async function openTicket(db: Db, r: OpenRequest): Promise<Opened> {
  const { assessment, contact } = r;
  const due = ticketClock(r.coverage, assessment.severity as Severity, r.receivedAt);
  const flagsFor = (authorised: boolean) =>
    uniqueFlags([
      ...assessment.flags,
      ...(contact.verified ? [] : (['unverified_contact'] as const)),
      ...(authorised ? [] : (['unauthorised_contact'] as const)),
      ...(r.organisation ? [] : (['organisation_unverified'] as const)),
      ...(due.missingHolidayYears.length > 0 ? (['holiday_data_missing'] as const) : []),
      ...(r.personalData ? (['personal_data'] as const) : []),
    ]);
  const flags = flagsFor(false);
  const id = r.id ?? crypto.randomUUID();
  const policyTargets = policyTargetsOf(r.coverage.spec);
  const guideVersion = guideVersionAt(r.receivedAt)?.version ?? null;
  // The cron replays the clocks when the first of them falls due (also the resolution target, if any).
  const clocks = ticketClocks({
    coverage: r.coverage,
    timeline: { receivedAt: r.receivedAt, severity: assessment.severity as Severity, entries: [] },
    targets: clockTargetsOf(policyTargets),
    now: r.receivedAt,
  });
  const draft: TicketDraft = {
    id,
    deskId: r.desk.id,
    organisationId: r.organisation?.id ?? null,
    channel: r.channel,
    subject: r.content.subject,
    description: r.content.description,
    steps: r.content.steps ?? null,
    expected: r.content.expected ?? null,
    category: r.content.category,
    impactAffected: r.content.impact?.affected ?? null,
    impactWorkaround: r.content.impact?.workaround ?? null,
    servicesKind: r.content.servicesKind ?? null,
    severity: assessment.severity,
    severityRule: assessment.severityRule,
    flags,
    inScope: assessment.inScope,
    contactName: contact.name,
    contactEmail: contact.email,
    contactVerified: contact.verified,
    contactAuthorised: false, // decided in SQL by insertTicket
    userId: r.userId ?? null,
    environment: r.environment ?? null,
    context: r.context ?? null,
    locale: r.locale ?? r.organisation?.locale ?? r.desk.locale,
    accessTokenHash: r.accessTokenHash ?? (await sha256Hex(crypto.randomUUID())),
    replyToken: r.replyToken ?? newReplyToken(),
    idempotencyKey: r.idempotency?.keyHash ?? null,
    requestHash: r.idempotency?.requestHash ?? null,
    emailMessageId: r.emailMessageId ?? null,
    receivedAt: r.receivedAt,
    clockStartsAt: due.clockStartsAt,
    firstResponseDueAt: due.dueAt,
    atRiskAt: due.atRiskAt,
    guideVersion,
    coverageVersion: await coverageVersionOf(r.coverage),
    policyTargets,
    personalData: r.personalData === true,
    notificationDeadlineAt: r.personalData ? notificationDeadlineAt(r.receivedAt) : null,
    clockCheckAt: nextClockCheckAt(clocks),
    ...slaSummaryColumns(clocks),
    createdAt: r.now,
    updatedAt: r.now,
  };
  const extra = [
    ...(flags.includes('security_incident')
      ? escalationStatements(db, {
          ticket: draft,
          desk: r.desk,
          team: 'security',
          note: SECURITY_ESCALATION_NOTE,
          by: { actor: 'system', agentId: null },
          now: r.now,
        }).items
      : []),
    ...(r.extra?.(id) ?? []),
  ];
  const first = {
    type: 'created',
    by: r.by,
    data: {
      channel: r.channel,
      ...r.createdData,
      severity: draft.severity,
      severityRule: draft.severityRule,
      flags, // replaced by the row's flags in SQL when the contact is checked
      dueAt: due.dueAt,
      policy: { guideVersion, coverageVersion: draft.coverageVersion, targets: policyTargets },
      ...(r.receivedAt !== r.now ? { receivedAt: new Date(r.receivedAt).toISOString() } : {}),
    },
  };
  const authorisation =
    contact.checkAuthorised && r.organisation
      ? {
          organisationId: r.organisation.id,
          email: contact.email,
          flagsIfAuthorised: flagsFor(true),
          flagsIfNot: flags,
        }
      : undefined;
  const written = await writeOnce(
    r.idempotency,
    async () => {
      const row = await insertTicket(db, draft, first, extra, authorisation);
      return {
        ...draft,
        number: row.number,
        flags: row.flags as Flag[],
        contactAuthorised: row.contactAuthorised,
        status: 'new' as const,
      };
    },
    isIdempotencyConflict,
    (hash) => findByIdempotencyKey(db, r.desk.id, hash),
  );
  return written.replayed
    ? { replayed: true, ticket: written.value }
    : { replayed: false, ticket: written.value, missingHolidayYears: due.missingHolidayYears };
}

/** The 201/200 body of POST /v1/tickets for a stored (or just written) ticket. */
export function ticketCreatedBody(
  t: Pick<
    Ticket,
    'id' | 'number' | 'severity' | 'severityRule' | 'status' | 'firstResponseDueAt' | 'flags' | 'inScope'
  >,
  accessToken: string | undefined,
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
    ...(accessToken === undefined ? {} : { accessToken }),
    warnings,
  };
}
