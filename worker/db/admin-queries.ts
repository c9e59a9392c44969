import { and, eq, gt, isNull, like, or, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { HolidayYear } from '../../shared/holidays/index';
import type { Db } from './client';
import {
  type AgentRow,
  agents,
  agentTokens,
  contacts,
  type Desk,
  desks,
  holidays,
  type Organisation,
  organisations,
  widgetKeys,
} from './schema';

/** An organisation and its authorised contacts' emails. */
export async function findOrganisationWithContacts(db: Db, id: string) {
  const [rows, emails] = await db.batch([
    db.select().from(organisations).where(eq(organisations.id, id)).limit(1),
    db
      .select({ email: contacts.email })
      .from(contacts)
      .where(eq(contacts.organisationId, id))
      .orderBy(contacts.email),
  ]);
  const organisation = rows[0];
  return organisation ? { organisation, contacts: emails.map((e) => e.email) } : undefined;
}

/** Statements that replace an organisation's authorised contacts (emails stored lower-case, deduplicated). */
export function replaceContacts(
  db: Db,
  organisationId: string,
  emails: string[],
  now: number,
): BatchItem<'sqlite'>[] {
  const unique = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
  return [
    db.delete(contacts).where(eq(contacts.organisationId, organisationId)),
    ...unique.map((email) =>
      db.insert(contacts).values({ id: crypto.randomUUID(), organisationId, email, createdAt: now }),
    ),
  ];
}

/** Statements that replace one year of a holiday set, and touch every desk and organisation so coverage caches recompile. */
export function replaceHolidayYear(db: Db, set: string, year: number, data: HolidayYear, now: number) {
  const row = (date: string, name: string, kind: 'national' | 'collective_leave') =>
    db.insert(holidays).values({ id: crypto.randomUUID(), setName: set, date, name, kind, createdAt: now });
  return [
    db.delete(holidays).where(and(eq(holidays.setName, set), like(holidays.date, `${year}-%`))),
    ...data.national.map((h) => row(h.date, h.name, 'national')),
    ...data.collectiveLeave.map((h) => row(h.date, h.name, 'collective_leave')),
    db.update(organisations).set({ updatedAt: sql`max(${organisations.updatedAt} + 1, ${now})` }),
    db.update(desks).set({ updatedAt: sql`max(${desks.updatedAt} + 1, ${now})` }),
  ] as BatchItem<'sqlite'>[];
}

const isoOf = (ms: number) => new Date(ms).toISOString();

/** The admin view of a desk: settings, never secrets. */
export function toDeskView(d: Desk) {
  return {
    id: d.id,
    slug: d.slug,
    name: d.name,
    locale: d.locale,
    coverage: d.coverage,
    allowedOrigins: d.allowedOrigins,
    webhookUrl: d.webhookUrl,
    identityVerification: d.identitySecret !== null,
    createdAt: isoOf(d.createdAt),
    updatedAt: isoOf(d.updatedAt),
  };
}

/** The admin view of an organisation. */
export function toOrganisationView(o: Organisation, contactEmails: string[]) {
  return {
    id: o.id,
    deskId: o.deskId,
    slug: o.slug,
    name: o.name,
    locale: o.locale,
    coverage: o.coverage,
    allowedOrigins: o.allowedOrigins,
    authorisedContacts: contactEmails,
    successContact: o.successContactEmail
      ? { name: o.successContactName, email: o.successContactEmail }
      : null,
    storeAttachments: o.storeAttachments,
    attachmentMaxBytes: o.attachmentMaxBytes,
    emailAddress: o.emailAddress,
    createdAt: isoOf(o.createdAt),
    updatedAt: isoOf(o.updatedAt),
  };
}

/** The admin view of an agent. */
export function toAgentView(a: AgentRow) {
  return {
    id: a.id,
    deskId: a.deskId,
    name: a.name,
    email: a.email,
    role: a.role,
    teams: a.teams,
    active: a.deactivatedAt === null,
    createdAt: isoOf(a.createdAt),
  };
}

/** An agent by id (any desk: the admin API spans desks). */
export async function findAgentById(db: Db, id: string): Promise<AgentRow | undefined> {
  const [row] = await db.select().from(agents).where(eq(agents.id, id)).limit(1);
  return row;
}

export const insertDesk = (db: Db, v: typeof desks.$inferInsert) => db.insert(desks).values(v);
export const updateDesk = (db: Db, id: string, v: Partial<typeof desks.$inferInsert>) =>
  db.update(desks).set(v).where(eq(desks.id, id));
export const insertOrganisation = (db: Db, v: typeof organisations.$inferInsert) =>
  db.insert(organisations).values(v);
export const updateOrganisation = (db: Db, id: string, v: Partial<typeof organisations.$inferInsert>) =>
  db.update(organisations).set(v).where(eq(organisations.id, id));
export const insertAgent = (db: Db, v: typeof agents.$inferInsert) => db.insert(agents).values(v);
export const updateAgent = (db: Db, id: string, v: Partial<typeof agents.$inferInsert>) =>
  db.update(agents).set(v).where(eq(agents.id, id));
export const insertAgentToken = (db: Db, v: typeof agentTokens.$inferInsert) =>
  db.insert(agentTokens).values(v);
export const insertWidgetKey = (db: Db, v: typeof widgetKeys.$inferInsert) => db.insert(widgetKeys).values(v);

/** The desk's keys (or those bound to one organisation) stop working at `revokeAt` (a grace period). */
export const revokeWidgetKeys = (db: Db, deskId: string, organisationId: string | null, revokeAt: number) =>
  db
    .update(widgetKeys)
    .set({ revokedAt: revokeAt })
    .where(
      and(
        eq(widgetKeys.deskId, deskId),
        organisationId ? eq(widgetKeys.organisationId, organisationId) : isNull(widgetKeys.organisationId),
        or(isNull(widgetKeys.revokedAt), gt(widgetKeys.revokedAt, revokeAt)),
      ),
    );

/** Revokes one active token of an agent; false when there was none. */
export async function revokeAgentToken(
  db: Db,
  agentId: string,
  tokenId: string,
  now: number,
): Promise<boolean> {
  const done = await db
    .update(agentTokens)
    .set({ revokedAt: now })
    .where(and(eq(agentTokens.id, tokenId), eq(agentTokens.agentId, agentId), isNull(agentTokens.revokedAt)))
    .returning({ id: agentTokens.id });
  return done.length > 0;
}

/** Rotates a desk's webhook secret: the new one signs from now, the old one also until `previousUntil`. */
export const rotateWebhookSecret = (db: Db, desk: Desk, secret: string, previousUntil: number, now: number) =>
  db
    .update(desks)
    .set({
      webhookSecret: secret,
      webhookSecretPrevious: desk.webhookSecret,
      webhookSecretPreviousUntil: desk.webhookSecret ? previousUntil : null,
      updatedAt: Math.max(now, desk.updatedAt + 1),
    })
    .where(eq(desks.id, desk.id));
