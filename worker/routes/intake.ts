import { createRoute, z } from '@hono/zod-openapi';
import { localYearsBetween } from '../../shared/calendar';
import { ErrorBodySchema, TicketCreatedSchema, TicketCreateSchema } from '../../shared/schema';
import { coverageWarnings, firstResponseDue } from '../../shared/targets';
import { getDb } from '../db/client';
import type { Ticket } from '../db/schema';
import { findByIdempotencyKey, insertTicket, isIdempotencyConflict } from '../db/tickets';
import { ApiError } from '../errors';
import { checkContact } from '../identity';
import { limitBody, requireJson } from '../middleware/body-limit';
import { originGuard, widgetCors } from '../middleware/cors';
import { enforceRateLimit, rateLimit } from '../middleware/rate-limit';
import { widgetKey } from '../middleware/widget-key';
import { securityFastPath } from '../security';
import { atRiskAt } from '../sla-sql';
import { tenantCoverage } from '../tenant-coverage';
import { assessRequest, canonicalJson, uniqueFlags } from '../ticket-assessment';
import { hmacSha256Hex, sha256Hex, toHex } from '../tokens';
import { createApi } from '../validation';
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

/**
 * The customer's access token is derived, not stored: HMAC of the ticket id and its random reply token
 * under the raw Idempotency-Key, which is itself stored only hashed. A replay (the same key) re-derives
 * the same token; nobody who can read the database can.
 */
function accessTokenFor(idempotencyKey: string, t: Pick<Ticket, 'id' | 'replyToken'>): Promise<string> {
  return hmacSha256Hex(idempotencyKey, `kinobi-access-token:${t.id}:${t.replyToken}`);
}

/** POST /v1/tickets: validate -> rules -> one batch -> 201 (or the idempotent replay, 200 / 409). */
export const intakeRoutes = createApi().openapi(route, async (c) => {
  const tenant = c.get('tenant');
  const key = c.req.valid('header')['idempotency-key'];
  const body = c.req.valid('json');
  const db = getDb(c.env.DB);
  // Started first: the contact lookup's D1 round trip overlaps the hashing and the rules below.
  const contactCheck = checkContact(db, tenant, body.contact, body.identity);
  contactCheck.catch(() => undefined);
  const [keyHash, requestHash] = await Promise.all([sha256Hex(key), sha256Hex(canonicalJson(body))]);
  const now = Date.now();
  const { coverage, warnings: coverageProblems } = await tenantCoverage(db, tenant, now);
  const assessment = assessRequest(body);

  // Holiday data missing for a year the clock runs through is reported, never silently ignored.
  const holidayWarnings = (from: number, to: number) =>
    coverageWarnings(coverage, localYearsBetween(coverage.calendar, from, to));

  const replay = async (t: Ticket) => {
    if (t.requestHash !== requestHash) {
      throw new ApiError(
        409,
        'idempotency_conflict',
        'This Idempotency-Key was already used with a different request.',
      );
    }
    const warnings = [
      ...coverageProblems,
      ...assessment.warnings,
      ...holidayWarnings(t.createdAt, t.firstResponseDueAt),
    ];
    return c.json(
      {
        id: t.id,
        number: t.number,
        severity: t.severity as 1 | 2 | 3 | 4,
        severityRule: t.severityRule,
        status: t.status,
        firstResponseDueAt: new Date(t.firstResponseDueAt).toISOString(),
        flags: t.flags as (typeof assessment.flags)[number][],
        inScope: t.inScope,
        accessToken: await accessTokenFor(key, t),
        warnings,
      },
      200,
    );
  };

  // No lookup before the insert: a first submission (the common case) costs one batch, and a retry
  // is recognised by the unique (tenant, idempotency key) index, which also settles concurrent races.
  const contact = await contactCheck;
  const due = firstResponseDue(coverage, assessment.severity, now);
  const flags = uniqueFlags([
    ...assessment.flags,
    ...contact.flags,
    ...(due.missingHolidayYears.length > 0 ? (['holiday_data_missing'] as const) : []),
  ]);
  const id = crypto.randomUUID();
  const replyToken = toHex(crypto.getRandomValues(new Uint8Array(16)));
  const accessToken = await accessTokenFor(key, { id, replyToken });
  const draft = {
    id,
    tenantId: tenant.id,
    channel: 'widget' as const,
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
    flags,
    inScope: assessment.inScope,
    contactName: body.contact.name,
    contactEmail: body.contact.email,
    contactVerified: contact.verified,
    contactAuthorised: contact.authorised,
    userId: contact.verified ? (body.identity?.userId ?? null) : null,
    environment: body.environment,
    context: body.context,
    locale: body.locale ?? tenant.locale,
    accessTokenHash: await sha256Hex(accessToken),
    replyToken,
    idempotencyKey: keyHash,
    requestHash,
    clockStartsAt: due.clockStartsAt,
    firstResponseDueAt: due.dueAt,
    atRiskAt: atRiskAt(coverage, assessment.severity, due.clockStartsAt, due.businessMinutes),
    createdAt: now,
    updatedAt: now,
  };
  const extra =
    body.category === 'security_incident'
      ? securityFastPath(db, tenant, { ...draft, severity: draft.severity })
      : [];
  let number: number;
  try {
    ({ number } = await insertTicket(
      db,
      draft,
      {
        type: 'created',
        actor: 'customer',
        data: {
          channel: 'widget',
          severity: draft.severity,
          severityRule: draft.severityRule,
          flags,
          dueAt: due.dueAt,
        },
      },
      extra,
    ));
  } catch (err) {
    // A retry, or the loser of two concurrent first requests: answer with the ticket that exists.
    if (!isIdempotencyConflict(err)) throw err;
    const winner = await findByIdempotencyKey(db, tenant.id, keyHash);
    if (!winner) throw err;
    return replay(winner);
  }
  return c.json(
    {
      id,
      number,
      severity: assessment.severity,
      severityRule: assessment.severityRule,
      status: 'new' as const,
      firstResponseDueAt: new Date(due.dueAt).toISOString(),
      flags,
      inScope: assessment.inScope,
      accessToken,
      warnings: [...coverageProblems, ...assessment.warnings, ...holidayWarnings(now, due.dueAt)],
    },
    201,
  );
});
