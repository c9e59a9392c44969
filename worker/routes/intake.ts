import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { every } from 'hono/combine';
import { createMiddleware } from 'hono/factory';
import { AgentTicketCreateSchema } from '../../shared/agent-schema';
import {
  ErrorBodySchema,
  type Severity,
  type TicketCreated,
  TicketCreatedSchema,
  TicketCreateSchema,
} from '../../shared/schema';
import { timeTexts } from '../../widget/format';
import type { AppEnv } from '../app-env';
import { coverageOf } from '../coverage';
import { findOrganisation } from '../db/desks';
import { agentActor } from '../db/events';
import type { Organisation, Ticket } from '../db/schema';
import { queueWidgetConfirmation } from '../email/confirmation';
import { ApiError } from '../errors';
import { idempotencyHashes } from '../idempotency';
import { agentAuth } from '../middleware/agent-auth';
import { limitBody, requireJson } from '../middleware/body-limit';
import { originGuard, widgetCors } from '../middleware/cors';
import { enforceRateLimit, rateLimit } from '../middleware/rate-limit';
import { widgetKey } from '../middleware/widget-key';
import { assessRequest } from '../tickets/assessment';
import { openTicket, ticketCreatedBody } from '../tickets/open';
import { type AlertTicket, alertSecurityTeam } from '../tickets/security-alert';
import { holidayWarnings, openWidgetTicket } from '../tickets/widget-intake';
import { timed } from '../timing';
import { createApi, issueDetails, validationHook } from '../validation';
import { errorResponses } from './openapi-parts';

const widgetAuth = every(rateLimit('RL_INTAKE'), widgetKey, widgetCors, originGuard, enforceRateLimit);

/** Agents log requests with a bearer token; the widget sends its key (and CORS applies). */
const intakeAuth = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.header('Authorization')) await agentAuth(c, next);
  else await widgetAuth(c, next);
});

const BodySchema = z.union([
  TicketCreateSchema.openapi({ title: 'From the widget (X-Kinobi-Key)' }),
  AgentTicketCreateSchema.openapi({ title: 'Logged by an agent (Authorization: Bearer)' }),
]);
// Typed up front: an inline two-entry literal defeats zod-openapi's handler inference.
const intakeSecurity: Record<string, string[]>[] = [{ widgetKey: [] }, { agentToken: [] }];

const route = createRoute({
  method: 'post',
  path: '/v1/tickets',
  tags: ['widget', 'agents'],
  summary:
    'Submit a support request (widget), or log one that reached the desk by phone, chat or another tool (agents)',
  description:
    'Widget: `X-Kinobi-Key`, the TicketCreate body; the organisation comes from a key bound to it or from a valid ' +
    '`identity.token`, else the desk’s standard coverage applies with flag `organisation_unverified`. Agents: ' +
    '`Authorization: Bearer`, the AgentTicketCreate body (`organisation`, `channel`, `receivedAt` at most 7 days ' +
    'back: the clock starts then). Severity comes from the guide’s rules, never from the client. Out-of-scope ' +
    'requests are accepted and flagged. Retrying with the same Idempotency-Key and body returns the same ticket ' +
    '(200); another body is a 409.',
  security: intakeSecurity,
  middleware: [intakeAuth, limitBody, requireJson],
  request: {
    headers: z.object({ 'idempotency-key': z.string().min(1).max(128) }),
    body: { required: true, content: { 'application/json': { schema: BodySchema } } },
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
    ...errorResponses(400, 401, 403, 404, 413, 415, 429, 503),
  },
});

/** The body validated against the schema of the caller's kind (a union's errors would name both). */
function parseFor<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new ApiError(400, 'validation_failed', 'The request is not valid.', issueDetails(parsed.error));
  return parsed.data;
}

/** Guide section 11: the desk's security team is emailed at once (awaited; the alert itself never throws). */
async function alertIfSecurityIncident(
  c: Context<AppEnv>,
  ticket: AlertTicket & { flags: string[] },
  organisation: Pick<Organisation, 'name'> | null,
  now: number,
) {
  if (!ticket.flags.includes('security_incident')) return;
  await alertSecurityTeam(c.env, c.var.db, c.var.desk, organisation, ticket, now);
}

async function widgetIntake(c: Context<AppEnv>, key: string, raw: unknown) {
  const request = parseFor(TicketCreateSchema, raw);
  const { opened, accessToken, warnings, audience, coverage } = await openWidgetTicket(c.var.db, {
    desk: c.var.desk,
    keyOrganisation: c.var.keyOrganisation,
    body: request,
    idempotencyKey: key,
    now: Date.now(),
    time: (work) => timed(c, 'db', work),
  });
  const t = opened.ticket;
  const body: TicketCreated = {
    ...ticketCreatedBody(t, accessToken, warnings),
    // The due time worded for the widget in the reported zone (WIB when absent or unknown).
    firstResponseDueText: timeTexts(
      new Date(t.firstResponseDueAt).toISOString(),
      request.environment.timeZone,
      coverage.targets[t.severity as Severity].calendar.spec.timeZone,
    ),
  };
  if (opened.replayed) return c.json(body, 200);
  await alertIfSecurityIncident(c, opened.ticket, audience.organisation, Date.now());
  // Queued after the answer, mailed by the queue consumer: a failure is an event on the ticket, never a failed submission.
  c.executionCtx.waitUntil(
    queueWidgetConfirmation(c.env, opened.ticket, Date.now()).catch((err) =>
      console.error('confirmation mail', err),
    ),
  );
  return c.json(body, 201);
}

async function loggedIntake(c: Context<AppEnv>, key: string, raw: unknown) {
  const body = parseFor(AgentTicketCreateSchema, raw);
  const db = c.var.db;
  const agent = c.var.agent;
  const organisation = await findOrganisation(db, c.var.desk.id, body.organisation);
  if (!organisation) {
    throw new ApiError(400, 'validation_failed', 'The request is not valid.', [
      { path: 'organisation', code: 'invalid_value', message: 'no such organisation in this desk' },
    ]);
  }
  // The agent is part of the request: another agent reusing a key is a conflict, not a replay.
  const hashes = await idempotencyHashes(key, { agent: agent.id, body });
  const now = Date.now();
  const receivedAt = Date.parse(body.receivedAt);
  const { coverage, warnings } = await coverageOf(db, organisation, now);
  const assessment = assessRequest(body);
  const opened = await timed(
    c,
    'db',
    openTicket(db, {
      desk: c.var.desk,
      organisation,
      coverage,
      channel: body.channel,
      content: { ...body, impact: body.impact ?? null },
      assessment,
      personalData: body.personalData,
      // The agent spoke to the customer, but a phone number or chat handle proves no email address.
      contact: { ...body.contact, verified: false, checkAuthorised: true },
      locale: body.locale,
      receivedAt,
      now,
      by: agentActor(agent),
      createdData: { loggedBy: agent.id },
      idempotency: hashes,
    }),
  );
  if (!opened.replayed) await alertIfSecurityIncident(c, opened.ticket, organisation, now);
  const t = opened.ticket as Pick<
    Ticket,
    'id' | 'number' | 'severity' | 'severityRule' | 'status' | 'firstResponseDueAt' | 'flags' | 'inScope'
  >;
  // Agents never hold the customer's access token: the customer follows up by email or the widget.
  const answer = ticketCreatedBody(t, undefined, [
    ...warnings,
    ...assessment.warnings,
    ...holidayWarnings(coverage, receivedAt, t.firstResponseDueAt),
  ]);
  return c.json(answer, opened.replayed ? 200 : 201);
}

/** POST /v1/tickets: validate → the one intake core → 201 (or the idempotent replay, 200 / 409). */
export const intakeRoutes = createApi().openapi(
  route,
  async (c) => {
    const key = c.req.valid('header')['idempotency-key'];
    const raw = c.req.valid('json');
    // c.var.agent is set only by agentAuth, i.e. for a bearer-token caller.
    return c.var.agent ? loggedIntake(c, key, raw) : widgetIntake(c, key, raw);
  },
  (result, c) => {
    if (result.success) return;
    if (result.target === 'json') {
      // Report the errors of the caller's own schema, not both halves of the union.
      const schema = c.req.header('Authorization') ? AgentTicketCreateSchema : TicketCreateSchema;
      parseFor(schema, (result as unknown as { data: unknown }).data);
    }
    validationHook(result);
  },
);
