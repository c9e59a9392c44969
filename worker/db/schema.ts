import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { PolicyTargets } from '../../shared/policy';
import { NO_DUE } from '../../shared/sla-summary';

// Timestamps are UTC epoch milliseconds (integers). JSON columns hold data the rules read back.

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

/** Agent roles: `lead` may downgrade security incidents; `admin` manages the desk. */
export const AGENT_ROLES = ['agent', 'lead', 'admin'] as const;
/** Teams of a desk (guide section 6: support plus the four escalation teams). */
export const TEAMS = ['support', 'engineering', 'product', 'infrastructure', 'security'] as const;
/** How a request reached the desk: the widget, email, or logged by an agent (section 3). */
export const CHANNELS = ['widget', 'email', 'api', 'phone', 'chat', 'other'] as const;

/**
 * A support desk (the provider, e.g. Kinobi AI): owns the queue, agents, widget keys, the identity
 * secret, ticket numbers and webhooks. Its coverage applies to requests whose organisation is unknown.
 */
export const desks = sqliteTable('desks', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  locale: text('locale', { enum: ['id', 'en'] })
    .notNull()
    .default('id'),
  /** Standard coverage (CoverageSpec JSON) for requests without a verified organisation. */
  coverage: text('coverage', { mode: 'json' }).notNull(),
  /** Origins the desk's own widget keys may be embedded on (the Kinobi platform). */
  allowedOrigins: text('allowed_origins', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  /** HS256 secret of identity tokens (and the legacy userHash HMAC); null = identity not verified. */
  identitySecret: text('identity_secret'),
  webhookUrl: text('webhook_url'),
  webhookSecret: text('webhook_secret'),
  /** During a rotation the old secret still signs (a second v1=) until this instant. */
  webhookSecretPrevious: text('webhook_secret_previous'),
  webhookSecretPreviousUntil: integer('webhook_secret_previous_until'),
  createdAt: integer('created_at').notNull().default(now),
  updatedAt: integer('updated_at').notNull().default(now),
});

/** A customer organisation of a desk with its support coverage (order form) and contacts. */
export const organisations = sqliteTable(
  'organisations',
  {
    id: text('id').primaryKey(),
    deskId: text('desk_id')
      .notNull()
      .references(() => desks.id),
    /** Unique across desks: it appears in support+<slug>@ addresses and in identity tokens. */
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    locale: text('locale', { enum: ['id', 'en'] })
      .notNull()
      .default('id'),
    /** CoverageSpec (shared/calendar-schema.ts) as JSON: calendar, per-severity targets. */
    coverage: text('coverage', { mode: 'json' }).notNull(),
    /** Origins of the organisation's own deployment, for widget keys bound to it (CORS). */
    allowedOrigins: text('allowed_origins', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    /** Guide section 8: the customer-success contact, where the order form names one. */
    successContactName: text('success_contact_name'),
    successContactEmail: text('success_contact_email'),
    /** Inbound email: whether attachment content is stored, and its cap in bytes. */
    storeAttachments: integer('store_attachments', { mode: 'boolean' }).notNull().default(false),
    attachmentMaxBytes: integer('attachment_max_bytes').notNull().default(1_048_576),
    /** Optional inbound address of its own, besides support+<slug>@<domain>. */
    emailAddress: text('email_address').unique(),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [index('organisations_desk').on(t.deskId, t.name)],
);

/** A person of the desk. Tokens belong to an agent; every audit event names the agent. */
export const agents = sqliteTable(
  'agents',
  {
    id: text('id').primaryKey(),
    deskId: text('desk_id')
      .notNull()
      .references(() => desks.id),
    name: text('name').notNull(),
    /** Lower-case; null only for agents migrated from bare tokens until an admin sets it. */
    email: text('email'),
    role: text('role', { enum: AGENT_ROLES }).notNull().default('agent'),
    teams: text('teams', { mode: 'json' })
      .$type<(typeof TEAMS)[number][]>()
      .notNull()
      .default(sql`'["support"]'`),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
    deactivatedAt: integer('deactivated_at'),
  },
  (t) => [uniqueIndex('agents_desk_email').on(t.deskId, t.email)],
);

/** Public widget keys (like a DSN) of a desk, optionally bound to one organisation's deployment. */
export const widgetKeys = sqliteTable(
  'widget_keys',
  {
    key: text('key').primaryKey(),
    deskId: text('desk_id')
      .notNull()
      .references(() => desks.id),
    organisationId: text('organisation_id').references(() => organisations.id),
    createdAt: integer('created_at').notNull().default(now),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('widget_keys_desk').on(t.deskId)],
);

/** An agent's API bearer tokens, stored as SHA-256 hex of the token. */
export const agentTokens = sqliteTable(
  'agent_tokens',
  {
    id: text('id').primaryKey(),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: integer('created_at').notNull().default(now),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('agent_tokens_agent').on(t.agentId)],
);

/** Authorised contacts of an organisation (guide section 7). Emails stored lower-case. */
export const contacts = sqliteTable(
  'contacts',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    email: text('email').notNull(),
    name: text('name'),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('contacts_organisation_email').on(t.organisationId, t.email)],
);

/** Holiday data added at run time (e.g. next year's decree), merged with the data shipped in shared/holidays. */
export const holidays = sqliteTable(
  'holidays',
  {
    id: text('id').primaryKey(),
    /** Holiday set name, e.g. 'id' (Indonesia). */
    setName: text('set_name').notNull(),
    date: text('date').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['national', 'collective_leave'] }).notNull(),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('holidays_set_date_kind').on(t.setName, t.date, t.kind)],
);

/** A support request in a desk's queue. */
export const tickets = sqliteTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    deskId: text('desk_id')
      .notNull()
      .references(() => desks.id),
    /** Null while the organisation is not verified (flag `organisation_unverified`). */
    organisationId: text('organisation_id').references(() => organisations.id),
    /** Per-desk sequence shown to people ("#1234", across customers). */
    number: integer('number').notNull(),
    /** The per-organisation number of tickets created before the desk model. */
    legacyNumber: integer('legacy_number'),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    steps: text('steps'),
    expected: text('expected'),
    category: text('category').notNull(),
    impactAffected: text('impact_affected'),
    impactWorkaround: text('impact_workaround'),
    servicesKind: text('services_kind'),
    severity: integer('severity').notNull(),
    severityRule: text('severity_rule').notNull(),
    status: text('status', { enum: ['new', 'open', 'pending', 'resolved', 'closed'] })
      .notNull()
      .default('new'),
    flags: text('flags', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    inScope: integer('in_scope', { mode: 'boolean' }).notNull(),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    contactVerified: integer('contact_verified', { mode: 'boolean' }).notNull().default(false),
    contactAuthorised: integer('contact_authorised', { mode: 'boolean' }).notNull().default(false),
    userId: text('user_id'),
    environment: text('environment', { mode: 'json' }),
    context: text('context', { mode: 'json' }),
    locale: text('locale'),
    assigneeId: text('assignee_id').references(() => agents.id),
    /** Free-text assignee of tickets created before agents were people. */
    legacyAssignee: text('legacy_assignee'),
    /** Who wrote last: 'us' = the customer waits for the desk, 'customer' = the desk waits for them. */
    waitingOn: text('waiting_on', { enum: ['us', 'customer'] })
      .notNull()
      .default('us'),
    /** SHA-256 hex of the token handed to the customer at creation (customer replies). */
    accessTokenHash: text('access_token_hash').notNull(),
    /** Random token in reply-to addresses that routes email answers back to this ticket. */
    replyToken: text('reply_token').notNull().unique(),
    idempotencyKey: text('idempotency_key'),
    /** SHA-256 of the canonical request body: same key with another body is a 409. */
    requestHash: text('request_hash'),
    /** Message-ID of the inbound email that opened the ticket (email channel). */
    emailMessageId: text('email_message_id'),
    /** When the customer reported it: now for widget and email, `receivedAt` for agent-logged requests. */
    receivedAt: integer('received_at').notNull(),
    clockStartsAt: integer('clock_starts_at').notNull(),
    firstResponseDueAt: integer('first_response_due_at').notNull(),
    /** When less than 25% of the target is left: precomputed so lists can filter by SLA state in SQL. */
    atRiskAt: integer('at_risk_at').notNull(),
    firstResponseAt: integer('first_response_at'),
    /** Guide version in force when the customer reported it (shared/guide.ts); null before issue 10. */
    guideVersion: text('guide_version'),
    /** Version (content hash) of the order form the ticket was measured on at intake. */
    coverageVersion: text('coverage_version'),
    /** The targets in force at intake (shared/policy.ts PolicyTargets): later order-form changes never move them. */
    policyTargets: text('policy_targets', { mode: 'json' }).$type<PolicyTargets>(),
    /** Security incident involving personal data (flag `personal_data`, guide section 11). */
    personalData: integer('personal_data', { mode: 'boolean' }).notNull().default(false),
    /** UU 27/2022 art. 46: 72 wall-clock hours after the report; null unless personal data is involved. */
    notificationDeadlineAt: integer('notification_deadline_at'),
    /** Incremented on every change an agent or customer makes: the ETag of the ticket view (If-Match). */
    version: integer('version').notNull().default(1),
    /** When the cron should next replay the clocks (a due time, or now after a change); null = nothing running to a target. */
    clockCheckAt: integer('clock_check_at'),
    /** Last SLA state the cron announced (events and webhooks fire once per transition). */
    slaNotified: text('sla_notified', { enum: ['on_track', 'at_risk', 'breached', 'met'] })
      .notNull()
      .default('on_track'),
    /**
     * The SLA summary (shared/sla-summary.ts), written with the clocks at intake and on every replay: the
     * running clock due first (null when none runs to a target), its due and at-risk instants (NO_DUE
     * when none), and the state when none runs. Lists filter, sort and badge on it in SQL.
     */
    slaClock: text('sla_clock', { enum: ['first_response', 'next_response', 'resolution'] }),
    slaDueAt: integer('sla_due_at').notNull().default(NO_DUE),
    slaAtRiskAt: integer('sla_at_risk_at').notNull().default(NO_DUE),
    slaRest: text('sla_rest', { enum: ['met', 'breached', 'paused'] })
      .notNull()
      .default('met'),
    /**
     * The ticket's row in tickets_fts (its rowid), set by the insert trigger (migration 0015): a search
     * matches on it, so SQLite reads the match's rowids and never the index's stored ticket ids.
     */
    searchRowid: integer('search_rowid'),
    /** When the customer last read the conversation (widget): later public agent replies are unread. */
    customerSeenAt: integer('customer_seen_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('tickets_desk_user').on(t.deskId, t.userId),
    // Per-address look-ups (confirmation and email limits, a sender's latest open ticket): a range, not a scan.
    index('tickets_desk_contact').on(t.deskId, t.contactEmail, t.createdAt),
    uniqueIndex('tickets_desk_number').on(t.deskId, t.number),
    uniqueIndex('tickets_desk_idempotency').on(t.deskId, t.idempotencyKey),
    uniqueIndex('tickets_desk_email_message').on(t.deskId, t.emailMessageId),
    // Due order is the order of the clock due next (sla_due_at), whichever clock that is. Status and
    // waiting_on ride along so a view filtering on them ("Waiting on customer", status=resolved) skips the
    // running tickets at the head of the walk in the index, without reading each ticket's row; so does
    // search_rowid for a search that matches few tickets (the walk then reads most of the desk).
    index('tickets_desk_due').on(t.deskId, t.slaDueAt, t.id, t.status, t.waitingOn, t.searchRowid),
    index('tickets_desk_created').on(t.deskId, t.createdAt, t.id, t.searchRowid),
    index('tickets_desk_assignee_due').on(t.deskId, t.assigneeId, t.slaDueAt, t.id),
    index('tickets_organisation_due').on(t.organisationId, t.slaDueAt, t.id),
    // The cron's SLA announcements: running clocks past their at-risk instant not yet announced as breached.
    index('tickets_sla_announce').on(t.slaAtRiskAt).where(sql`sla_notified <> 'breached'`),
    index('tickets_open_due').on(t.firstResponseAt, t.firstResponseDueAt),
    index('tickets_clock_check').on(t.clockCheckAt),
    // The console's "Customer replied" view (the customer wrote after a first answer) in due order: few
    // rows match, so walking the whole due index for them would read most of the desk.
    index('tickets_desk_customer_replied')
      .on(t.deskId, t.slaDueAt, t.id)
      .where(sql`waiting_on = 'us' and first_response_at is not null`),
  ],
);

/** The audit trail: every change with who and when. */
export const ticketEvents = sqliteTable(
  'ticket_events',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id')
      .notNull()
      .references(() => tickets.id),
    deskId: text('desk_id').notNull(),
    type: text('type').notNull(),
    /** 'system', 'customer', 'agent:<name>', 'admin', 'cron', 'email'. */
    actor: text('actor').notNull(),
    /** The agent behind an 'agent:…' actor. */
    agentId: text('agent_id'),
    data: text('data', { mode: 'json' }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('ticket_events_ticket').on(t.ticketId, t.createdAt)],
);

/** Replies and notes on a ticket, from agents and customers, by API or email. */
export const messages = sqliteTable(
  'messages',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id')
      .notNull()
      .references(() => tickets.id),
    deskId: text('desk_id').notNull(),
    authorType: text('author_type', { enum: ['agent', 'customer', 'system'] }).notNull(),
    author: text('author').notNull(),
    agentId: text('agent_id'),
    body: text('body').notNull(),
    /** Internal notes are not public and do not count as a first response. */
    public: integer('public', { mode: 'boolean' }).notNull().default(true),
    channel: text('channel', { enum: ['widget', 'email', 'api'] }).notNull(),
    emailMessageId: text('email_message_id'),
    /** SHA-256 hex of the Idempotency-Key the reply was posted with (null without one). */
    idempotencyKey: text('idempotency_key'),
    /** SHA-256 of the canonical request (author + body): the same key with another request is a 409. */
    requestHash: text('request_hash'),
    /** When an agent reply was mailed to the contact; 0 when the user read it in the widget first (never mailed). */
    mailedAt: integer('mailed_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('messages_ticket').on(t.ticketId, t.createdAt),
    index('messages_created').on(t.createdAt),
    uniqueIndex('messages_desk_email_message').on(t.deskId, t.emailMessageId),
    uniqueIndex('messages_ticket_idempotency').on(t.ticketId, t.idempotencyKey),
  ],
);

/** Who added an attachment: the customer (widget, conversation page), an agent (API, console) or inbound email. */
export const ATTACHMENT_UPLOADERS = ['customer', 'agent', 'email'] as const;
/** Why an attachment's content is not kept: the organisation keeps email metadata only, too large, a refused type. */
export const ATTACHMENT_REFUSALS = ['not_kept', 'too_large', 'unsupported_type'] as const;

/**
 * Files on a ticket (issue 13): uploads of customers and agents, and attachments of inbound email
 * (always recorded, content only if the organisation keeps it). The bytes live in R2 (`ATTACHMENTS`,
 * `object_key`); `content` holds the D1 blobs of rows from before R2 until the cron's backfill moves
 * them (worker/attachments/backfill.ts). An upload has no `message_id` until a message claims it; one
 * unclaimed for 30 days is deleted (worker/attachments/sweep.ts).
 */
export const attachments = sqliteTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id')
      .notNull()
      .references(() => tickets.id),
    messageId: text('message_id'),
    filename: text('filename'),
    /** The type the sender declared (email part, upload header): shown, never served. */
    contentType: text('content_type'),
    size: integer('size').notNull(),
    /** Legacy D1 blob; null once in R2 (new rows never set it). */
    content: blob('content', { mode: 'buffer' }),
    /** The R2 key of the bytes; null while a legacy blob waits for the backfill, or when not kept. */
    objectKey: text('object_key'),
    /** The type decided from the bytes (worker/attachments/policy.ts), the one it is served as. */
    sniffedType: text('sniffed_type'),
    /** SHA-256 hex of the bytes. */
    sha256: text('sha256'),
    uploadedBy: text('uploaded_by', { enum: ATTACHMENT_UPLOADERS }),
    agentId: text('agent_id'),
    refused: text('refused', { enum: ATTACHMENT_REFUSALS }),
    /** SHA-256 hex of the upload's Idempotency-Key and of its request (uploader, name, bytes' hash). */
    idempotencyKey: text('idempotency_key'),
    requestHash: text('request_hash'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('attachments_ticket').on(t.ticketId),
    index('attachments_message').on(t.messageId),
    uniqueIndex('attachments_ticket_idempotency').on(t.ticketId, t.idempotencyKey),
    // The backfill's work list: only rows that still hold a blob.
    index('attachments_blob_backfill').on(t.createdAt).where(sql`content is not null`),
    // The sweep's work list (worker/attachments/sweep.ts): uploads no message has claimed.
    index('attachments_unclaimed')
      .on(t.createdAt)
      .where(sql`message_id is null and uploaded_by in ('customer', 'agent')`),
  ],
);

/** Escalations inside Kinobi (guide section 6). */
export const escalations = sqliteTable(
  'escalations',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id')
      .notNull()
      .references(() => tickets.id),
    deskId: text('desk_id').notNull(),
    team: text('team', { enum: ['engineering', 'product', 'infrastructure', 'security'] }).notNull(),
    note: text('note').notNull(),
    actor: text('actor').notNull(),
    agentId: text('agent_id'),
    /** SHA-256 hex of the Idempotency-Key the escalation was posted with (null without one). */
    idempotencyKey: text('idempotency_key'),
    /** SHA-256 of the canonical request (actor + body): the same key with another request is a 409. */
    requestHash: text('request_hash'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('escalations_ticket').on(t.ticketId, t.team),
    uniqueIndex('escalations_ticket_idempotency').on(t.ticketId, t.idempotencyKey),
  ],
);

/** Outgoing webhook calls of a desk: one row per (ticket, event), retried with backoff by the cron. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    deskId: text('desk_id').notNull(),
    ticketId: text('ticket_id').notNull(),
    event: text('event').notNull(),
    /** Makes each transition fire once, e.g. '<ticketId>:sla.at_risk:<dueAt>'. */
    dedupeKey: text('dedupe_key').notNull(),
    payload: text('payload').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    /** A sender's claim (worker/db/webhook-claims.ts): overlapping cron runs never send one delivery twice. */
    leaseUntil: integer('lease_until'),
    leaseToken: text('lease_token'),
    /**
     * Until when a queue message for this delivery is in flight (put on the queue by the cron, or
     * retried by the consumer): the cron enqueues a due delivery only when this has passed.
     */
    queuedUntil: integer('queued_until'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_once').on(t.dedupeKey),
    index('webhook_deliveries_due').on(t.status, t.nextAttemptAt),
  ],
);

/** Clock kinds that can breach (shared/clock-types.ts). */
export const CLOCK_KINDS = ['first_response', 'next_response', 'resolution'] as const;

/**
 * A breach is a fact (issue 10): one row per (ticket, clock, cycle), written once, by the cron when a
 * running clock passes its due time or by the reply path when a late first response lands, with the
 * severity and target in force at the breach. Never updated or deleted (a later severity change,
 * closure or reopening leaves it as it is).
 */
export const slaBreaches = sqliteTable(
  'sla_breaches',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id')
      .notNull()
      .references(() => tickets.id),
    deskId: text('desk_id').notNull(),
    organisationId: text('organisation_id'),
    kind: text('kind', { enum: CLOCK_KINDS }).notNull(),
    cycle: integer('cycle').notNull(),
    severity: integer('severity').notNull(),
    businessMinutes: integer('business_minutes').notNull(),
    dueAt: integer('due_at').notNull(),
    breachedAt: integer('breached_at').notNull(),
    /** 'cron' or 'reply': which path noticed it first. */
    recordedBy: text('recorded_by').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('sla_breaches_once').on(t.ticketId, t.kind, t.cycle),
    index('sla_breaches_desk').on(t.deskId, t.breachedAt),
  ],
);

/** Idempotency-Keys of PATCH /v1/tickets/{id}: written in the patch's batch, so a retry writes nothing. */
export const ticketPatchKeys = sqliteTable(
  'ticket_patch_keys',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id')
      .notNull()
      .references(() => tickets.id),
    /** SHA-256 hex of the key and of the canonical request (agent + If-Match + body). */
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('ticket_patch_keys_once').on(t.ticketId, t.idempotencyKey)],
);

export type Desk = typeof desks.$inferSelect;
export type Organisation = typeof organisations.$inferSelect;
export type AgentRow = typeof agents.$inferSelect;
export type AgentToken = typeof agentTokens.$inferSelect;
export type Ticket = typeof tickets.$inferSelect;
export type NewTicket = typeof tickets.$inferInsert;
export type TicketEvent = typeof ticketEvents.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type Escalation = typeof escalations.$inferSelect;
export type SlaBreach = typeof slaBreaches.$inferSelect;
export type Attachment = typeof attachments.$inferSelect;

/**
 * Signed-in console sessions (/desk): the cookie carries a random id, the table its SHA-256 hex.
 * A session ends when revoked (sign-out) or when idle longer than the console's idle limit.
 */
export const deskSessions = sqliteTable(
  'desk_sessions',
  {
    id: text('id').primaryKey(),
    idHash: text('id_hash').notNull().unique(),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    /** last_seen_at + the idle limit, kept in step with it so the lookup is one indexed comparison. */
    idleExpiresAt: integer('idle_expires_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('desk_sessions_agent').on(t.agentId)],
);

/** One-time sign-in links mailed to agents: SHA-256 hex of the token, short-lived, used at most once. */
export const deskSignInTokens = sqliteTable(
  'desk_sign_in_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [index('desk_sign_in_tokens_agent').on(t.agentId)],
);

export type DeskSession = typeof deskSessions.$inferSelect;

/**
 * Capability links of the customer's conversation page (`/r/<token>`, issue 13): the mail carries a
 * random token, the table its SHA-256 hex. A link works until it expires or is revoked (the ticket
 * closed for good).
 */
export const conversationLinks = sqliteTable(
  'conversation_links',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id')
      .notNull()
      .references(() => tickets.id),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('conversation_links_ticket').on(t.ticketId)],
);

export type ConversationLink = typeof conversationLinks.$inferSelect;

/**
 * The delivery key of each mail sent through the queue (worker/queues/): written when the message is
 * put on the queue (`queued`), claimed by the consumer before it sends (`sending`, with a lease),
 * `done` after (sent, or withheld on purpose). A redelivered message finds its key `done` and sends nothing; a key whose lease ran
 * out while `queued` or `sending` is put on the queue again by the cron (the message was lost or
 * its consumer died). `body` is the queue message, kept so it can be sent again.
 */
export const deliveryKeys = sqliteTable(
  'delivery_keys',
  {
    key: text('key').primaryKey(),
    deskId: text('desk_id').notNull(),
    ticketId: text('ticket_id'),
    kind: text('kind').notNull(),
    status: text('status', { enum: ['queued', 'sending', 'done', 'failed'] })
      .notNull()
      .default('queued'),
    body: text('body').notNull(),
    attempts: integer('attempts').notNull().default(0),
    leaseUntil: integer('lease_until').notNull(),
    lastError: text('last_error'),
    messageId: text('message_id'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('delivery_keys_lease').on(t.status, t.leaseUntil)],
);

export type DeliveryKey = typeof deliveryKeys.$inferSelect;

/**
 * Queue messages that exhausted their retries (the dead-letter queue's consumer writes them): what,
 * for which desk and ticket, and the last error. One row per queue message id.
 */
export const deadLetters = sqliteTable(
  'dead_letters',
  {
    id: text('id').primaryKey(),
    deskId: text('desk_id'),
    ticketId: text('ticket_id'),
    kind: text('kind').notNull(),
    /** The delivery key (mail) or webhook delivery id the message was about. */
    ref: text('ref'),
    body: text('body').notNull(),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('dead_letters_desk').on(t.deskId, t.createdAt)],
);

export type DeadLetter = typeof deadLetters.$inferSelect;

/** What a directory entry names (see directoryEntries). */
export const DIRECTORY_KINDS = [
  'desk',
  'organisation',
  'agent',
  'widget_key',
  'agent_token',
  'desk_session',
  'sign_in_token',
  'conversation_link',
  'mailbox',
] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];

/**
 * Control plane (issue 15), in the control database `DB` only: which data database holds each desk.
 * A desk without a row lives in `DB` itself (deployments from before the split).
 */
export const deskDatabases = sqliteTable('desk_databases', {
  deskId: text('desk_id').primaryKey(),
  /** A binding name of the registry, e.g. 'DATA_1'. */
  database: text('database').notNull(),
  createdAt: integer('created_at').notNull(),
});

/**
 * Control plane: what a credential or address resolves to before its desk is known. Keys are SHA-256
 * hex for secrets (widget keys, agent tokens, sessions, sign-in and link tokens), ids for admin paths,
 * lower-case slugs and addresses for inbound mail. The credential itself (with its revocation) stays
 * beside the desk's data: an entry here only says where to look.
 */
export const directoryEntries = sqliteTable(
  'directory_entries',
  {
    kind: text('kind', { enum: DIRECTORY_KINDS }).notNull(),
    key: text('key').notNull(),
    deskId: text('desk_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.key] }), index('directory_entries_desk').on(t.deskId)],
);
