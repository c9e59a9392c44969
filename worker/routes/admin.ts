import { createRoute, z } from '@hono/zod-openapi';
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { STANDARD_COVERAGE } from '../../shared/targets';
import {
  AgentTokenCreateSchema,
  HolidayParamsSchema,
  HolidayYearSchema,
  TenantCreateSchema,
  TenantPatchSchema,
  WidgetKeyRotateSchema,
} from '../admin-schemas';
import { forgetCredentialsAfterWrites } from '../credential-cache';
import {
  findTenantWithContacts,
  replaceContacts,
  replaceHolidayYear,
  toTenantView,
} from '../db/admin-queries';
import { type Db, getDb } from '../db/client';
import { agentTokens, tenants, widgetKeys } from '../db/schema';
import { ApiError, notFound } from '../errors';
import { adminAuth } from '../middleware/admin-auth';
import { randomToken, sha256Hex } from '../tokens';
import { createApi } from '../validation';
import { errorResponses } from './openapi-parts';

/** The admin API (mounted at /v1/admin; `Authorization: Bearer <ADMIN_SECRET>`). */
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
const TenantId = z.object({ id: z.string().min(1).max(100) });

async function tenantOr404(db: Db, id: string) {
  const found = await findTenantWithContacts(db, id);
  if (!found) throw notFound('tenant');
  return found;
}

async function newAgentToken(db: Db, tenantId: string, agentName: string, now: number) {
  const token = randomToken('at');
  const id = `ag_${crypto.randomUUID()}`;
  const insert = db
    .insert(agentTokens)
    .values({ id, tenantId, agentName, tokenHash: await sha256Hex(token), createdAt: now });
  return { insert, view: { id, agentName, token } };
}

adminRoutes.openapi(
  createRoute({
    method: 'post',
    tags: ['admin'],
    path: '/tenants',
    summary: 'Create a tenant; the widget key, agent token and webhook secret are shown once',
    security,
    middleware: [adminAuth] as const,
    request: { body: json(TenantCreateSchema) },
    responses: { 201: ok('The tenant and its credentials'), ...errorResponses(400, 401, 409, 503) },
  }),
  async (c) => {
    const b = c.req.valid('json');
    const db = getDb(c.env.DB);
    const now = Date.now();
    const id = `ten_${b.slug}`;
    const taken = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, b.slug)).limit(1);
    if (taken.length) throw new ApiError(409, 'slug_taken', 'A tenant with this slug exists.');
    const widgetKey = randomToken('wk');
    const webhookSecret = b.webhookUrl ? randomToken('whsec') : null;
    const agent = await newAgentToken(db, id, b.agentName, now);
    await db.batch([
      db.insert(tenants).values({
        id,
        slug: b.slug,
        name: b.name,
        locale: b.locale,
        coverage: b.coverage ?? STANDARD_COVERAGE,
        allowedOrigins: b.allowedOrigins,
        identitySecret: b.identitySecret ?? null,
        webhookUrl: b.webhookUrl ?? null,
        webhookSecret,
        storeAttachments: b.storeAttachments ?? false,
        attachmentMaxBytes: b.attachmentMaxBytes ?? 1_048_576,
        emailAddress: b.emailAddress ?? null,
        createdAt: now,
        updatedAt: now,
      }),
      db.insert(widgetKeys).values({ key: widgetKey, tenantId: id, createdAt: now }),
      agent.insert,
      ...replaceContacts(db, id, b.authorisedContacts, now).slice(1),
    ]);
    const { tenant, contacts } = await tenantOr404(db, id);
    return c.json(
      { tenant: toTenantView(tenant, contacts), widgetKey, agentToken: agent.view, webhookSecret },
      201,
    );
  },
);

adminRoutes.openapi(
  createRoute({
    method: 'patch',
    tags: ['admin'],
    path: '/tenants/{id}',
    summary:
      'Change a tenant: name, locale, coverage, allowed origins, contacts, webhook, identity secret, email',
    security,
    middleware: [adminAuth] as const,
    request: { params: TenantId, body: json(TenantPatchSchema) },
    responses: { 200: ok('The tenant'), ...errorResponses(400, 401, 404, 503) },
  }),
  async (c) => {
    const db = getDb(c.env.DB);
    const now = Date.now();
    const { tenant } = await tenantOr404(db, c.req.valid('param').id);
    const { authorisedContacts, ...fields } = c.req.valid('json');
    // A webhook needs a signing secret; one is made (and shown once) when the first URL is set.
    const webhookSecret = fields.webhookUrl && !tenant.webhookSecret ? randomToken('whsec') : undefined;
    const items: BatchItem<'sqlite'>[] = [
      db
        .update(tenants)
        .set({
          ...fields,
          ...(webhookSecret ? { webhookSecret } : {}),
          updatedAt: Math.max(now, tenant.updatedAt + 1),
        })
        .where(eq(tenants.id, tenant.id)),
    ];
    if (authorisedContacts) items.push(...replaceContacts(db, tenant.id, authorisedContacts, now));
    const [first, ...rest] = items;
    if (first) await db.batch([first, ...rest]);
    const after = await tenantOr404(db, tenant.id);
    return c.json(
      { tenant: toTenantView(after.tenant, after.contacts), ...(webhookSecret ? { webhookSecret } : {}) },
      200,
    );
  },
);

adminRoutes.openapi(
  createRoute({
    method: 'post',
    tags: ['admin'],
    path: '/tenants/{id}/widget-keys',
    summary: 'Rotate the widget key: a new key; the old ones stop working now or after a grace period',
    security,
    middleware: [adminAuth] as const,
    request: { params: TenantId, body: json(WidgetKeyRotateSchema) },
    responses: { 201: ok('The new key'), ...errorResponses(400, 401, 404, 503) },
  }),
  async (c) => {
    const db = getDb(c.env.DB);
    const now = Date.now();
    const { tenant } = await tenantOr404(db, c.req.valid('param').id);
    const revokeAt = now + c.req.valid('json').graceSeconds * 1000;
    const key = randomToken('wk');
    await db.batch([
      db
        .update(widgetKeys)
        .set({ revokedAt: revokeAt })
        .where(
          and(
            eq(widgetKeys.tenantId, tenant.id),
            or(isNull(widgetKeys.revokedAt), gt(widgetKeys.revokedAt, revokeAt)),
          ),
        ),
      db.insert(widgetKeys).values({ key, tenantId: tenant.id, createdAt: now }),
    ]);
    return c.json({ widgetKey: key, previousKeysRevokedAt: new Date(revokeAt).toISOString() }, 201);
  },
);

adminRoutes.openapi(
  createRoute({
    method: 'post',
    tags: ['admin'],
    path: '/tenants/{id}/agent-tokens',
    summary: 'Create an agent token (shown once)',
    security,
    middleware: [adminAuth] as const,
    request: { params: TenantId, body: json(AgentTokenCreateSchema) },
    responses: { 201: ok('The token'), ...errorResponses(400, 401, 404, 503) },
  }),
  async (c) => {
    const db = getDb(c.env.DB);
    const { tenant } = await tenantOr404(db, c.req.valid('param').id);
    const agent = await newAgentToken(db, tenant.id, c.req.valid('json').agentName, Date.now());
    await agent.insert;
    return c.json(agent.view, 201);
  },
);

adminRoutes.openapi(
  createRoute({
    method: 'delete',
    tags: ['admin'],
    path: '/tenants/{id}/agent-tokens/{tokenId}',
    summary: 'Revoke an agent token',
    security,
    middleware: [adminAuth] as const,
    request: { params: TenantId.extend({ tokenId: z.string().min(1).max(100) }) },
    responses: { 204: { description: 'Revoked' }, ...errorResponses(401, 404, 503) },
  }),
  async (c) => {
    const db = getDb(c.env.DB);
    const { id, tokenId } = c.req.valid('param');
    const done = await db
      .update(agentTokens)
      .set({ revokedAt: Date.now() })
      .where(and(eq(agentTokens.id, tokenId), eq(agentTokens.tenantId, id), isNull(agentTokens.revokedAt)))
      .returning({ id: agentTokens.id });
    if (done.length === 0) throw notFound('agent token');
    return c.body(null, 204);
  },
);

adminRoutes.openapi(
  createRoute({
    method: 'put',
    tags: ['admin'],
    path: '/holidays/{set}/{year}',
    summary: 'Replace a year of holiday data (e.g. 2027 once its decree is published)',
    security,
    middleware: [adminAuth] as const,
    request: { params: HolidayParamsSchema, body: json(HolidayYearSchema) },
    responses: { 200: ok('What was stored'), ...errorResponses(400, 401, 503) },
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
        outside.map((h) => ({ path: 'date', message: h.date })),
      );
    }
    const db = getDb(c.env.DB);
    const [first, ...rest] = replaceHolidayYear(db, set, year, data, Date.now());
    if (first) await db.batch([first, ...rest]);
    return c.json(
      { set, year, national: data.national.length, collectiveLeave: data.collectiveLeave.length },
      200,
    );
  },
);
