import { createRoute, z } from '@hono/zod-openapi';
import { localYearsBetween } from '../../shared/calendar';
import { ErrorBodySchema, TicketCreatedSchema, TicketCreateSchema } from '../../shared/schema';
import { coverageWarnings } from '../../shared/targets';
import { getDb } from '../db/client';
import { findByIdempotencyKey, insertTicket, isIdempotencyConflict } from '../db/tickets';
import { idempotencyHashes, writeOnce } from '../idempotency';
import { isIdentityVerified } from '../identity';
import { limitBody, requireJson } from '../middleware/body-limit';
import { originGuard, widgetCors } from '../middleware/cors';
import { enforceRateLimit, rateLimit } from '../middleware/rate-limit';
import { widgetKey } from '../middleware/widget-key';
import { securityFastPath } from '../security';
import { ticketClock } from '../sla-sql';
import { tenantCoverage } from '../tenant-coverage';
import { assessRequest } from '../ticket-assessment';
import { timed } from '../timing';
import { createApi } from '../validation';
import { accessTokenFor, contactFlagVariants, ticketCreatedBody, widgetTicketDraft } from '../widget-ticket';
import { errorResponses, widgetKeySecurity } from './openapi-parts';

const route = createRoute({
  method: 'post',
  path: '/v1/tickets',
  tags: ['widget'],
  summary: 'Submit a support request from the widget',
  description:
    'Severity comes from the guide’s rules, never from the client. Out-of-scope requests are accepted and flagged. ' +
    'Retrying with the same Idempotency-Key and body returns the same ticket (200); another body is a 409.',
  security: widgetKeySecurity,
  middleware: [
    rateLimit('RL_INTAKE'),
    widgetKey,
    widgetCors,
    originGuard,
    enforceRateLimit,
    limitBody,
    requireJson,
  ],
  request: {
    headers: z.object({ 'idempotency-key': z.string().min(1).max(128) }),
    body: { required: true, content: { 'application/json': { schema: TicketCreateSchema } } },
  },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: TicketCreatedSchema } } },
    200: {
      description: 'Replay of an earlier submission with the same key',
      content: { 'application/json': { schema: TicketCreatedSchema } },
    },
    409: {
      description: 'Same Idempotency-Key, different body',
      content: { 'application/json': { schema: ErrorBodySchema } },
    },
    ...errorResponses(400, 401, 403, 413, 415, 429, 503),
  },
});

/** POST /v1/tickets: validate -> rules -> one batch -> 201 (or the idempotent replay, 200 / 409). */
export const intakeRoutes = createApi().openapi(route, async (c) => {
  const tenant = c.get('tenant');
  const key = c.req.valid('header')['idempotency-key'];
  const body = c.req.valid('json');
  const db = getDb(c.env.DB);
  // No I/O before the one batch: the identity check is local (HMAC), and whether the contact is
  // authorised is decided inside the INSERT (insertTicket), so a first submission costs one D1 round trip.
  const [hashes, verified] = await Promise.all([
    idempotencyHashes(key, body),
    isIdentityVerified(tenant.identitySecret, body.identity),
  ]);
  const { keyHash, requestHash } = hashes;
  const now = Date.now();
  const { coverage, warnings: coverageProblems } = await tenantCoverage(db, tenant, now);
  const assessment = assessRequest(body);
  // Holiday data missing for a year the clock runs through is reported, never silently ignored.
  const warningsUntil = (from: number, to: number) => [
    ...coverageProblems,
    ...assessment.warnings,
    ...coverageWarnings(coverage, localYearsBetween(coverage.calendar, from, to)),
  ];

  // No lookup before the insert: a first submission (the common case) costs one batch, and a retry
  // is recognised by the unique (tenant, idempotency key) index, which also settles concurrent races.
  const due = ticketClock(coverage, assessment.severity, now);
  const variants = contactFlagVariants(assessment.flags, verified, due.missingHolidayYears.length > 0);
  const { draft, accessToken } = await widgetTicketDraft({
    tenant,
    body,
    assessment,
    verified,
    flags: variants.flagsIfNot,
    due,
    idempotencyKey: key,
    keyHash,
    requestHash,
    now,
  });
  const extra = body.category === 'security_incident' ? securityFastPath(db, tenant, draft) : [];
  const firstEvent = {
    type: 'created',
    actor: 'customer',
    data: {
      channel: 'widget',
      severity: draft.severity,
      severityRule: draft.severityRule,
      flags: variants.flagsIfNot, // replaced by the row's flags in SQL
      dueAt: due.dueAt,
    },
  };
  // A retry, or the loser of two concurrent first requests, is answered with the ticket that exists.
  const written = await writeOnce(
    hashes,
    async () => {
      const { number, flags } = await timed(
        c,
        'db',
        insertTicket(db, draft, firstEvent, extra, { email: body.contact.email, ...variants }),
      );
      return { ...draft, number, status: 'new' as const, flags, inScope: assessment.inScope };
    },
    isIdempotencyConflict,
    (hash) => findByIdempotencyKey(db, tenant.id, hash),
  );
  if (!written.replayed) {
    return c.json(ticketCreatedBody(written.value, accessToken, warningsUntil(now, due.dueAt)), 201);
  }
  const existing = written.value;
  const token = await accessTokenFor(key, existing);
  return c.json(
    ticketCreatedBody(existing, token, warningsUntil(existing.createdAt, existing.firstResponseDueAt)),
    200,
  );
});
