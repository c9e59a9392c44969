import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from './client';
import { type Desk, desks, type Organisation, organisations, widgetKeys } from './schema';

/** What an active widget key resolves to. */
export type WidgetKeyGrant = { desk: Desk; organisation: Organisation | null; revokedAt: number | null };

/**
 * The desk (and bound organisation, if any) behind an active widget key, with the key's revocation
 * time (a rotated key keeps working until its revoked_at, the admin API's grace period), or undefined.
 */
export async function findByWidgetKey(db: Db, key: string, now: number): Promise<WidgetKeyGrant | undefined> {
  const rows = await db
    .select({ desk: desks, organisation: organisations, revokedAt: widgetKeys.revokedAt })
    .from(widgetKeys)
    .innerJoin(desks, eq(desks.id, widgetKeys.deskId))
    .leftJoin(organisations, eq(organisations.id, widgetKeys.organisationId))
    .where(and(eq(widgetKeys.key, key), or(isNull(widgetKeys.revokedAt), gt(widgetKeys.revokedAt, now))))
    .limit(1);
  return rows[0];
}

/**
 * Whether any desk or organisation lists `origin` among its allowed origins (answers CORS preflights,
 * which carry no key).
 */
export async function isOriginAllowedAnywhere(db: Db, origin: string): Promise<boolean> {
  const rows = await db.all<{ hit: number }>(
    sql`select 1 as hit from ${desks}, json_each(${desks.allowedOrigins}) where json_each.value = ${origin}
        union all
        select 1 from ${organisations}, json_each(${organisations.allowedOrigins}) where json_each.value = ${origin}
        limit 1`,
  );
  return rows.length > 0;
}

/** An organisation of the desk by slug or id, or undefined (another desk's is not found either). */
export async function findOrganisation(
  db: Db,
  deskId: string,
  slugOrId: string,
): Promise<Organisation | undefined> {
  const rows = await db
    .select()
    .from(organisations)
    .where(
      and(
        eq(organisations.deskId, deskId),
        or(eq(organisations.slug, slugOrId.toLowerCase()), eq(organisations.id, slugOrId)),
      ),
    )
    .limit(1);
  return rows[0];
}

/** Organisations of the desk among `refs` (slugs or ids); unknown ones are simply absent. */
export async function findOrganisations(db: Db, deskId: string, refs: string[]): Promise<Organisation[]> {
  const lower = refs.map((r) => r.toLowerCase());
  return db
    .select()
    .from(organisations)
    .where(
      and(
        eq(organisations.deskId, deskId),
        or(
          sql`${organisations.slug} in (select value from json_each(${JSON.stringify(lower)}))`,
          sql`${organisations.id} in (select value from json_each(${JSON.stringify(refs)}))`,
        ),
      ),
    );
}

/** The desk's organisations by name (what a filter offers; no counts, so no ticket scan). */
export function listOrganisations(db: Db, deskId: string): Promise<Organisation[]> {
  return db.select().from(organisations).where(eq(organisations.deskId, deskId)).orderBy(organisations.name);
}

/** The desk's organisations by name, each with its count of tickets not yet resolved or closed. */
export async function listOrganisationsWithOpenCounts(db: Db, deskId: string) {
  return db
    .select({
      organisation: organisations,
      // Spelled out: inside a select list drizzle renders a column without its table, which the subquery would misread.
      openTickets: sql<number>`(select count(*) from tickets t where t.organisation_id = "organisations"."id"
        and t.status in ('new', 'open', 'pending'))`,
    })
    .from(organisations)
    .where(eq(organisations.deskId, deskId))
    .orderBy(organisations.name);
}

/** A desk by id. */
export async function findDesk(db: Db, id: string): Promise<Desk | undefined> {
  const rows = await db.select().from(desks).where(eq(desks.id, id)).limit(1);
  return rows[0];
}
