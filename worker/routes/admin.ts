import { createRoute, z } from '@hono/zod-openapi';
import type { BatchItem } from 'drizzle-orm/batch';
import { STANDARD_COVERAGE } from '../../shared/targets';
import {
  AgentCreateSchema,
  AgentPatchSchema,
  DeskCreateSchema,
  DeskPatchSchema,
  HolidayParamsSchema,
  HolidayYearSchema,
  OrganisationCreateSchema,
  OrganisationPatchSchema,
  WidgetKeyRotateSchema,
} from '../admin-schemas';
import { HOLIDAY_TABLE_TTL_MS, reloadHolidaySet } from '../coverage';
import { forgetCredentialsAfterWrites } from '../credential-cache';
import {
  findAgentById,
  findOrganisationWithContacts,
  insertAgent,
  insertAgentToken,
  insertDesk,
  insertOrganisation,
  insertWidgetKey,
  replaceContacts,
  replaceHolidayYear,
  revokeAgentToken,
  revokeWidgetKeys,
  rotateWebhookSecret,
  toAgentView,
  toDeskView,
  toOrganisationView,
  updateAgent,
  updateDesk,
  updateOrganisation,
} from '../db/admin-queries';
import type { Db } from '../db/client';
import { getDb } from '../db/client';
import { isUniqueViolation } from '../db/d1-errors';
import { ALL_DATABASES } from '../db/databases';
import { deadLettersOf } from '../db/dead-letters';
import { findDesk, findOrganisation } from '../db/desks';
import { removeDirectoryEntry } from '../db/directory';
import { deliveriesOf, redeliver } from '../db/webhook-claims';
import { ApiError, notFound } from '../errors';
import { adminAuth } from '../middleware/admin-auth';
import { limitBody, requireJson } from '../middleware/body-limit';
import { placeNewDesk, registerEntries } from '../planes/register';
import { controlDb } from '../planes/resolve';
import { recomputeIfCoverageChanged, recomputeRunningDueTimes, yearSpan } from '../tickets/recompute-due';
import { randomToken, sha256Hex } from '../tokens';
import { createApi } from '../validation';
import { checkWebhookUrl } from '../webhooks/url-policy';
import { errorResponses } from './openapi-parts';

/** The admin API (mounted at /v1/admin; `Authorization: Bearer <ADMIN_SECRET>`): desks, organisations, agents. */
export const adminRoutes = createApi();
adminRoutes.use('*', forgetCredentialsAfterWrites);

const security = [{ adminSecret: [] as string[] }];
const json = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});
const ok = (description: string) => ({
  description,
  content: { 'application/json': { schema: z.looseObject({}) } },
});
const Id = z.object({ id: z.string().min(1).max(100) });

async function deskOr404(db: Db, id: string) {
  const desk = await findDesk(db, id);
  if (!desk) throw notFound('desk');
  return desk;
}

async function organisationOr404(db: Db, id: string) {
  const found = await findOrganisationWithContacts(db, id);
  if (!found) throw notFound('organisation');
  return found;
}

async function agentOr404(db: Db, id: string) {
  const row = await findAgentById(db, id);
  if (!row) throw notFound('agent');
  return row;
}

/** A new API token of an agent: the insert and the one-time view of the token. */
async function newAgentToken(db: Db, agentId: string, now: number) {
  const token = randomToken('at');
  const id = `tok_${crypto.randomUUID()}`;
  const insert = insertAgentToken(db, { id, agentId, tokenHash: await sha256Hex(token), createdAt: now });
  return { insert, view: { id, token }, secret: token };
}

/**
 * 400 unless a webhook URL passes the delivery policy: https to a public host (http only to 127.0.0.1
 * in development), no credentials, never loopback, private, link-local or metadata addresses.
 */
function assertWebhookUrl(url: string | null | undefined, environment: string | undefined) {
  if (!url) return;
  const checked = checkWebhookUrl(url, { environment: environment ?? 'production' });
  if (!checked.ok) {
    throw new ApiError(400, 'validation_failed', 'The request is not valid.', [
      { path: 'webhookUrl', message: checked.message, code: checked.problem },
    ]);
  }
}

/** Runs a batch, turning a UNIQUE violation into 409 `conflict` with `message`. */
async function batchOr409(db: Db, items: BatchItem<'sqlite'>[], message: string) {
  const [first, ...rest] = items;
  if (!first) return;
  try {
    await db.batch([first, ...rest]);
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError(409, 'conflict', message);
    throw err;
  }
}

adminRoutes.openapi(
  createRoute({
    tags: ['admin'],
    security,
    middleware: [adminAuth, limitBody, requireJson] as const,
    method: 'post',
    path: '/desks',
    summary: 'Create a support desk; its widget key and webhook secret are shown once',
    request: { body: json(DeskCreateSchema) },
    responses: { 201: ok('The desk and its credentials'), ...errorResponses(400, 401, 413, 415, 409, 503) },
  }),
  async (c) => {
    const b = c.req.valid('json');
    assertWebhookUrl(b.webhookUrl, c.env.ENVIRONMENT);
    const now = Date.now();
    const id = `desk_${b.slug}`;
    const widgetKey = randomToken('wk');
    const webhookSecret = b.webhookUrl ? randomToken('whsec') : null;
    // Placed first, then its directory entries, then its rows in its own data database.
    const database = await placeNewDesk(c.env, id, b.database, now);
    await registerEntries(
      c.env,
      id,
      [
        { kind: 'desk', key: id },
        { kind: 'mailbox', key: b.slug.toLowerCase() },
        { kind: 'widget_key', secret: widgetKey },
      ],
      { now, message: 'A desk or organisation with this slug exists.' },
    );
    const db = getDb(c.env[database]);
    await batchOr409(
      db,
      [
        insertDesk(db, {
          id,
          slug: b.slug,
          name: b.name,
          locale: b.locale,
          coverage: b.coverage ?? STANDARD_COVERAGE,
          allowedOrigins: b.allowedOrigins,
          identitySecret: b.identitySecret ?? null,
          webhookUrl: b.webhookUrl ?? null,
          webhookSecret,
          createdAt: now,
          updatedAt: now,
        }),
        insertWidgetKey(db, { key: widgetKey, deskId: id, createdAt: now }),
      ],
      'A desk with this slug exists.',
    );
    return c.json({ desk: toDeskView(await deskOr404(db, id)), widgetKey, webhookSecret, database }, 201);
  },
);

adminRoutes.openapi(
  createRoute({
    tags: ['admin'],
    security,
    middleware: [adminAuth, limitBody, requireJson] as const,
    method: 'patch',
    path: '/desks/{id}',
    summary: 'Change a desk: name, locale, standard coverage, allowed origins, webhook, identity secret',
    request: { params: Id, body: json(DeskPatchSchema) },
    responses: { 200: ok('The desk'), ...errorResponses(400, 401, 413, 415, 404, 503) },
  }),
  async (c) => {
    const db = c.var.db;
    const now = Date.now();
    const desk = await deskOr404(db, c.req.valid('param').id);
    const fields = c.req.valid('json');
    assertWebhookUrl(fields.webhookUrl, c.env.ENVIRONMENT);
    // A webhook needs a signing secret; one is made (and shown once) when the first URL is set.
    const webhookSecret = fields.webhookUrl && !desk.webhookSecret ? randomToken('whsec') : undefined;
    await updateDesk(db, desk.id, {
      ...fields,
      ...(webhookSecret ? { webhookSecret } : {}),
      updatedAt: Math.max(now, desk.updatedAt + 1),
    });
    // The desk's standard coverage is what tickets without an organisation run on.
    const recomputed = await recomputeIfCoverageChanged(
      db,
      { kind: 'desk', deskId: desk.id },
      desk.coverage,
      fields.coverage,
      now,
    );
    return c.json(
      {
        desk: toDeskView(await deskOr404(db, desk.id)),
        ...(webhookSecret ? { webhookSecret } : {}),
        ...(recomputed ? { dueTimesRecomputed: recomputed.changed } : {}),
      },
      200,
    );
  },
);

adminRoutes.openapi(
  createRoute({
    tags: ['admin'],
    security,
    middleware: [adminAuth, limitBody, requireJson] as const,
    method: 'post',
    path: '/desks/{id}/widget-keys',
    summary:
      'Rotate widget keys (the desk’s, or with `organisation` the keys bound to that organisation): a new key; the old ones stop working now or after a grace period',
    request: { params: Id, body: json(WidgetKeyRotateSchema) },
    responses: { 201: ok('The new key'), ...errorResponses(400, 401, 413, 415, 404, 503) },
  }),
  async (c) => {
    const db = c.var.db;
    const now = Date.now();
    const desk = await deskOr404(db, c.req.valid('param').id);
    const b = c.req.valid('json');
    const org = b.organisation ? await findOrganisation(db, desk.id, b.organisation) : undefined;
    if (b.organisation && !org) throw notFound('organisation');
    const revokeAt = now + b.graceSeconds * 1000;
    const key = randomToken('wk');
    await registerEntries(c.env, desk.id, [{ kind: 'widget_key', secret: key }], { now });
    await db.batch([
      revokeWidgetKeys(db, desk.id, org?.id ?? null, revokeAt),
      insertWidgetKey(db, { key, deskId: desk.id, organisationId: org?.id ?? null, createdAt: now }),
    ]);
    return c.json({ widgetKey: key, previousKeysRevokedAt: new Date(revokeAt).toISOString() }, 201);
  },
);

adminRoutes.openapi(
  createRoute({
    tags: ['admin'],
    security,
    middleware: [adminAuth, limitBody, requireJson] as const,
    method: 'post',
    path: '/desks/{id}/organisations',
    summary:
      'Add a customer organisation to a desk (order-form coverage, contacts, customer-success contact)',
    request: { params: Id, body: json(OrganisationCreateSchema) },
    responses: { 201: ok('The organisation'), ...errorResponses(400, 401, 413, 415, 404, 409, 503) },
  }),
  async (c) => {
    const db = c.var.db;
    const now = Date.now();
    const desk = await deskOr404(db, c.req.valid('param').id);
    const b = c.req.valid('json');
    const id = `org_${b.slug}`;
    await registerEntries(
      c.env,
      desk.id,
      [
        { kind: 'organisation', key: id },
        { kind: 'mailbox', key: b.slug.toLowerCase() },
        ...(b.emailAddress ? [{ kind: 'mailbox' as const, key: b.emailAddress.toLowerCase() }] : []),
      ],
      { now, message: 'An organisation with this slug or email address exists.' },
    );
    await batchOr409(
      db,
      [
        insertOrganisation(db, {
          id,
          deskId: desk.id,
          slug: b.slug,
          name: b.name,
          locale: b.locale,
          coverage: b.coverage ?? STANDARD_COVERAGE,
          allowedOrigins: b.allowedOrigins,
          successContactName: b.successContact?.name ?? null,
          successContactEmail: b.successContact?.email.toLowerCase() ?? null,
          storeAttachments: b.storeAttachments ?? false,
          attachmentMaxBytes: b.attachmentMaxBytes ?? 1_048_576,
          // Lower-case, as inbound mail's recipient is read (email/route.ts): otherwise it never matches.
          emailAddress: b.emailAddress?.toLowerCase() ?? null,
          createdAt: now,
          updatedAt: now,
        }),
        ...replaceContacts(db, id, b.authorisedContacts, now).slice(1),
      ],
      'An organisation with this slug or email address exists.',
    );
    const { organisation, contacts } = await organisationOr404(db, id);
    return c.json({ organisation: toOrganisationView(organisation, contacts) }, 201);
  },
);

adminRoutes.openapi(
  createRoute({
    tags: ['admin'],
    security,
    middleware: [adminAuth, limitBody, requireJson] as const,
    method: 'patch',
    path: '/organisations/{id}',
    summary:
      'Change an organisation: name, locale, coverage, allowed origins, contacts, customer-success contact, email',
    request: { params: Id, body: json(OrganisationPatchSchema) },
    responses: { 200: ok('The organisation'), ...errorResponses(400, 401, 413, 415, 404, 409, 503) },
  }),
  async (c) => {
    const db = c.var.db;
    const now = Date.now();
    const { organisation } = await organisationOr404(db, c.req.valid('param').id);
    const { authorisedContacts, successContact, ...fields } = c.req.valid('json');
    const items: BatchItem<'sqlite'>[] = [
      updateOrganisation(db, organisation.id, {
        ...fields,
        ...(fields.emailAddress === undefined
          ? {}
          : { emailAddress: fields.emailAddress?.toLowerCase() ?? null }),
        ...(successContact === undefined
          ? {}
          : {
              successContactName: successContact?.name ?? null,
              successContactEmail: successContact?.email.toLowerCase() ?? null,
            }),
        updatedAt: Math.max(now, organisation.updatedAt + 1),
      }),
    ];
    if (authorisedContacts) items.push(...replaceContacts(db, organisation.id, authorisedContacts, now));
    const oldAddress = organisation.emailAddress?.toLowerCase();
    const newAddress = fields.emailAddress === undefined ? oldAddress : fields.emailAddress?.toLowerCase();
    if (newAddress && newAddress !== oldAddress) {
      await registerEntries(c.env, organisation.deskId, [{ kind: 'mailbox', key: newAddress }], {
        now,
        message: 'Another organisation uses this email address.',
      });
    }
    await batchOr409(db, items, 'Another organisation uses this email address.');
    if (oldAddress && oldAddress !== newAddress) {
      await removeDirectoryEntry(controlDb(c.env), organisation.deskId, { kind: 'mailbox', key: oldAddress });
    }
    const after = await organisationOr404(db, organisation.id);
    const recomputed = await recomputeIfCoverageChanged(
      db,
      { kind: 'organisation', organisationId: organisation.id },
      organisation.coverage,
      fields.coverage,
      now,
    );
    return c.json(
      {
        organisation: toOrganisationView(after.organisation, after.contacts),
        ...(recomputed ? { dueTimesRecomputed: recomputed.changed } : {}),
      },
      200,
    );
  },
);

adminRoutes.openapi(
  createRoute({
    tags: ['admin'],
    security,
    middleware: [adminAuth, limitBody, requireJson] as const,
    method: 'post',
    path: '/desks/{id}/agents',
    summary: 'Add an agent (a person: name, email, role, teams) with a first API token, shown once',
    request: { params: Id, body: json(AgentCreateSchema) },
    responses: { 201: ok('The agent and token'), ...errorResponses(400, 401, 413, 415, 404, 409, 503) },
  }),
  async (c) => {
    const db = c.var.db;
    const now = Date.now();
    const desk = await deskOr404(db, c.req.valid('param').id);
    const b = c.req.valid('json');
    const id = `agt_${crypto.randomUUID()}`;
    const token = await newAgentToken(db, id, now);
    await registerEntries(
      c.env,
      desk.id,
      [
        { kind: 'agent', key: id },
        { kind: 'agent_token', secret: token.secret },
      ],
      { now },
    );
    await batchOr409(
      db,
      [
        insertAgent(db, {
          id,
          deskId: desk.id,
          name: b.name,
          email: b.email.toLowerCase(),
          role: b.role,
          teams: [...new Set(b.teams)],
          createdAt: now,
          updatedAt: now,
        }),
        token.insert,
      ],
      'An agent with this email exists in this desk.',
    );
    return c.json({ agent: toAgentView(await agentOr404(db, id)), token: token.view }, 201);
  },
);

adminRoutes.openapi(
  createRoute({
    tags: ['admin'],
    security,
    middleware: [adminAuth, limitBody, requireJson] as const,
    method: 'patch',
    path: '/agents/{id}',
    summary: 'Change an agent (name, email, role, teams) or deactivate one (`active: false`)',
    request: { params: Id, body: json(AgentPatchSchema) },
    responses: { 200: ok('The agent'), ...errorResponses(400, 401, 413, 415, 404, 409, 503) },
  }),
  async (c) => {
    const db = c.var.db;
    const now = Date.now();
    const agent = await agentOr404(db, c.req.valid('param').id);
    const { active, email, teams, ...fields } = c.req.valid('json');
    await batchOr409(
      db,
      [
        updateAgent(db, agent.id, {
          ...fields,
          ...(email === undefined ? {} : { email: email.toLowerCase() }),
          ...(teams === undefined ? {} : { teams: [...new Set(teams)] }),
          ...(active === undefined ? {} : { deactivatedAt: active ? null : now }),
          updatedAt: now,
        }),
      ],
      'An agent with this email exists in this desk.',
    );
    return c.json({ agent: toAgentView(await agentOr404(db, agent.id)) }, 200);
  },
);

adminRoutes.openapi(
  createRoute({
    tags: ['admin'],
    security,
    middleware: [adminAuth] as const,
    method: 'post',
    path: '/agents/{id}/tokens',
    summary: 'Create another API token for an agent (shown once)',
    request: { params: Id },
    responses: { 201: ok('The token'), ...errorResponses(401, 404, 503) },
  }),
  async (c) => {
    const db = c.var.db;
    const agent = await agentOr404(db, c.req.valid('param').id);
    const token = await newAgentToken(db, agent.id, Date.now());
    await registerEntries(c.env, agent.deskId, [{ kind: 'agent_token', secret: token.secret }]);
    await token.insert;
    return c.json(token.view, 201);
  },
);

adminRoutes.openapi(
  createRoute({
    tags: ['admin'],
    security,
    middleware: [adminAuth] as const,
    method: 'delete',
    path: '/agents/{id}/tokens/{tokenId}',
    summary: 'Revoke an agent token',
    request: { params: Id.extend({ tokenId: z.string().min(1).max(100) }) },
    responses: { 204: { description: 'Revoked' }, ...errorResponses(401, 404, 503) },
  }),
  async (c) => {
    const { id, tokenId } = c.req.valid('param');
    if (!(await revokeAgentToken(c.var.db, id, tokenId, Date.now()))) throw notFound('agent token');
    return c.body(null, 204);
  },
);

adminRoutes.openapi(
  createRoute({
    tags: ['admin'],
    security,
    middleware: [adminAuth, limitBody, requireJson] as const,
    method: 'post',
    path: '/desks/{id}/webhook-secret',
    summary:
      'Rotate the webhook signing secret: the new one (shown once) signs from now; the old one signs too for `graceSeconds`, so a receiver can switch over',
    request: {
      params: Id,
      body: json(
        z.strictObject({
          graceSeconds: z
            .number()
            .int()
            .min(0)
            .max(7 * 86_400)
            .default(86_400),
        }),
      ),
    },
    responses: { 201: ok('The new secret'), ...errorResponses(400, 401, 404, 413, 415, 503) },
  }),
  async (c) => {
    const db = c.var.db;
    const now = Date.now();
    const desk = await deskOr404(db, c.req.valid('param').id);
    const until = now + c.req.valid('json').graceSeconds * 1000;
    const webhookSecret = randomToken('whsec');
    await rotateWebhookSecret(db, desk, webhookSecret, until, now);
    return c.json(
      { webhookSecret, previousSecretValidUntil: desk.webhookSecret ? new Date(until).toISOString() : null },
      201,
    );
  },
);

adminRoutes.openapi(
  createRoute({
    tags: ['admin'],
    security,
    middleware: [adminAuth] as const,
    method: 'get',
    path: '/desks/{id}/dead-letters',
    summary:
      'Queue messages of the desk that exhausted their retries (webhooks, mail), newest first (at most 100)',
    request: { params: Id },
    responses: { 200: ok('Dead letters, newest first'), ...errorResponses(401, 404, 503) },
  }),
  async (c) => {
    const desk = await deskOr404(c.var.db, c.req.valid('param').id);
    const rows = await deadLettersOf(c.var.db, desk.id);
    return c.json(
      {
        deadLetters: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          ticketId: r.ticketId,
          ref: r.ref,
          lastError: r.lastError,
          createdAt: new Date(r.createdAt).toISOString(),
        })),
      },
      200,
    );
  },
);

adminRoutes.openapi(
  createRoute({
    tags: ['admin'],
    security,
    middleware: [adminAuth] as const,
    method: 'get',
    path: '/desks/{id}/webhook-deliveries',
    summary: 'The desk’s webhook deliveries in a status (default `failed`: given up after about three days)',
    request: {
      params: Id,
      query: z.object({ status: z.enum(['pending', 'delivered', 'failed']).default('failed') }),
    },
    responses: { 200: ok('Deliveries, newest first (at most 100)'), ...errorResponses(400, 401, 404, 503) },
  }),
  async (c) => {
    const desk = await deskOr404(c.var.db, c.req.valid('param').id);
    const rows = await deliveriesOf(c.var.db, desk.id, c.req.valid('query').status);
    return c.json(
      {
        deliveries: rows.map((r) => ({
          id: r.id,
          ticketId: r.ticket_id,
          event: r.event,
          status: r.status,
          attempts: r.attempts,
          lastError: r.last_error,
          createdAt: new Date(r.created_at).toISOString(),
        })),
      },
      200,
    );
  },
);

adminRoutes.openapi(
  createRoute({
    tags: ['admin'],
    security,
    middleware: [adminAuth] as const,
    method: 'post',
    path: '/desks/{id}/webhook-deliveries/{deliveryId}/redeliver',
    summary:
      'Put a failed webhook delivery back in the queue (attempts from zero, sent by the next cron run)',
    request: { params: Id.extend({ deliveryId: z.string().min(1).max(100) }) },
    responses: { 202: ok('Queued again'), ...errorResponses(401, 404, 503) },
  }),
  async (c) => {
    const { id, deliveryId } = c.req.valid('param');
    if (!(await redeliver(c.var.db, id, deliveryId, Date.now()))) throw notFound('failed delivery');
    return c.json({ id: deliveryId, status: 'pending' }, 202);
  },
);

adminRoutes.openapi(
  createRoute({
    method: 'put',
    tags: ['admin'],
    path: '/holidays/{set}/{year}',
    summary: 'Replace a year of holiday data (e.g. 2027 once its decree is published)',
    security,
    middleware: [adminAuth, limitBody, requireJson] as const,
    request: { params: HolidayParamsSchema, body: json(HolidayYearSchema) },
    responses: { 200: ok('What was stored'), ...errorResponses(400, 401, 413, 415, 503) },
  }),
  async (c) => {
    const { set, year } = c.req.valid('param');
    const data = c.req.valid('json');
    const outside = [...data.national, ...data.collectiveLeave].filter((h) => !h.date.startsWith(`${year}-`));
    if (outside.length) {
      throw new ApiError(
        400,
        'validation_failed',
        `Every date must be in ${year}.`,
        outside.map((h) => ({ path: 'date', code: 'custom', message: h.date })),
      );
    }
    const now = Date.now();
    // Holiday data is the control plane's, copied into every data database so a desk's coverage is
    // read beside its tickets: written to `DB` first, then to each data database (a retry of this
    // idempotent PUT repairs a copy that failed). Each database's running clocks move on its rows.
    let changed = 0;
    for (const name of ALL_DATABASES) {
      const db = getDb(c.env[name]);
      const [first, ...rest] = replaceHolidayYear(db, set, year, data, now);
      if (first) await db.batch([first, ...rest]);
      // The running clocks through that year move now, on the rows just written (not the cached set);
      // the clock replay waits one cache TTL so other isolates read the new rows too.
      const recomputed = await recomputeRunningDueTimes(
        db,
        { kind: 'holidays', ...yearSpan(year) },
        {
          set: (await reloadHolidaySet(db, now)).set,
          reason: `holidays ${year} loaded`,
          now,
          clockCheckAt: now + HOLIDAY_TABLE_TTL_MS,
        },
      );
      changed += recomputed.changed;
    }
    return c.json(
      {
        set,
        year,
        national: data.national.length,
        collectiveLeave: data.collectiveLeave.length,
        dueTimesRecomputed: changed,
      },
      200,
    );
  },
);
