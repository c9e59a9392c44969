import { and, eq, like, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { HolidayYear } from '../../shared/holidays/index';
import type { Db } from './client';
import { contacts, holidays, type Tenant, tenants } from './schema';

/** A tenant and its authorised contacts' emails. */
export async function findTenantWithContacts(db: Db, id: string) {
  const [rows, emails] = await db.batch([
    db.select().from(tenants).where(eq(tenants.id, id)).limit(1),
    db
      .select({ email: contacts.email })
      .from(contacts)
      .where(eq(contacts.tenantId, id))
      .orderBy(contacts.email),
  ]);
  const tenant = rows[0];
  return tenant ? { tenant, contacts: emails.map((e) => e.email) } : undefined;
}

/** Statements that replace a tenant's authorised contacts (emails stored lower-case, deduplicated). */
export function replaceContacts(
  db: Db,
  tenantId: string,
  emails: string[],
  now: number,
): BatchItem<'sqlite'>[] {
  const unique = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
  return [
    db.delete(contacts).where(eq(contacts.tenantId, tenantId)),
    ...unique.map((email) =>
      db.insert(contacts).values({ id: crypto.randomUUID(), tenantId, email, createdAt: now }),
    ),
  ];
}

/** Statements that replace one year of a holiday set, and touch every tenant so coverage caches recompile. */
export function replaceHolidayYear(db: Db, set: string, year: number, data: HolidayYear, now: number) {
  const row = (date: string, name: string, kind: 'national' | 'collective_leave') =>
    db.insert(holidays).values({ id: crypto.randomUUID(), setName: set, date, name, kind, createdAt: now });
  return [
    db.delete(holidays).where(and(eq(holidays.setName, set), like(holidays.date, `${year}-%`))),
    ...data.national.map((h) => row(h.date, h.name, 'national')),
    ...data.collectiveLeave.map((h) => row(h.date, h.name, 'collective_leave')),
    db.update(tenants).set({ updatedAt: sql`max(${tenants.updatedAt} + 1, ${now})` }),
  ] as BatchItem<'sqlite'>[];
}

/** The admin view of a tenant: settings, never secrets. */
export function toTenantView(t: Tenant, contactEmails: string[]) {
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    locale: t.locale,
    coverage: t.coverage,
    allowedOrigins: t.allowedOrigins,
    authorisedContacts: contactEmails,
    webhookUrl: t.webhookUrl,
    identityVerification: t.identitySecret !== null,
    storeAttachments: t.storeAttachments,
    attachmentMaxBytes: t.attachmentMaxBytes,
    emailAddress: t.emailAddress,
    createdAt: new Date(t.createdAt).toISOString(),
    updatedAt: new Date(t.updatedAt).toISOString(),
  };
}
