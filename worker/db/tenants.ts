import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from './client';
import { contacts, type Tenant, tenants, widgetKeys } from './schema';

/**
 * The tenant behind an active (not revoked) widget key, with the key's revocation time (a rotated key
 * keeps working until its revoked_at, the admin API's grace period), or undefined.
 */
export async function findTenantByWidgetKey(
  db: Db,
  key: string,
  now: number,
): Promise<{ tenant: Tenant; revokedAt: number | null } | undefined> {
  const rows = await db
    .select({ tenant: tenants, revokedAt: widgetKeys.revokedAt })
    .from(widgetKeys)
    .innerJoin(tenants, eq(tenants.id, widgetKeys.tenantId))
    .where(and(eq(widgetKeys.key, key), or(isNull(widgetKeys.revokedAt), gt(widgetKeys.revokedAt, now))))
    .limit(1);
  return rows[0];
}

/** Whether any tenant lists `origin` among its allowed origins (answers CORS preflights, which carry no key). */
export async function isOriginAllowedByAnyTenant(db: Db, origin: string): Promise<boolean> {
  const rows = await db.all<{ hit: number }>(
    sql`select 1 as hit from ${tenants}, json_each(${tenants.allowedOrigins}) where json_each.value = ${origin} limit 1`,
  );
  return rows.length > 0;
}

/** Whether `email` is one of the tenant's authorised contacts (guide section 7); emails are stored lower-case. */
export async function isAuthorisedContact(db: Db, tenantId: string, email: string): Promise<boolean> {
  const rows = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.email, email.trim().toLowerCase())))
    .limit(1);
  return rows.length > 0;
}
