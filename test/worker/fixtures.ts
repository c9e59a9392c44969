import { env } from 'cloudflare:workers';
import { getDb } from '../../worker/db/client';
import { agentTokens, contacts, tenants, widgetKeys } from '../../worker/db/schema';
import { sha256Hex } from '../../worker/tokens';

/** SHA-256 hex, as tokens are stored (the worker's own helper, so fixtures store what the worker reads). */
export { sha256Hex } from '../../worker/tokens';

/** Standard coverage (guide section 5) as stored JSON: Mon–Fri 09:00–18:00 WIB, Indonesian holidays. */
export const standardCoverageJson = {
  calendar: {
    timeZone: 'Asia/Jakarta',
    windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }],
    holidays: 'id',
  },
  targets: {
    '1': { businessMinutes: 120 },
    '2': { businessMinutes: 240 },
    '3': { businessMinutes: 540 },
    '4': { businessMinutes: 1080 },
  },
};

export interface TenantFixture {
  tenantId: string;
  widgetKey: string;
  agentToken: string;
  origin: string;
}

/** Creates a tenant with a widget key, an agent token and (optionally) authorised contacts. */
export async function makeTenant(
  opts: {
    slug?: string;
    coverage?: unknown;
    identitySecret?: string;
    contacts?: string[];
    webhookUrl?: string;
  } = {},
): Promise<TenantFixture> {
  const slug = opts.slug ?? `t${crypto.randomUUID().slice(0, 8)}`;
  const tenantId = `ten_${slug}`;
  const widgetKey = `wk_${slug}`;
  const agentToken = `at_${slug}`;
  const origin = `https://${slug}.example`;
  const db = getDb(env.DB);
  await db.insert(tenants).values({
    id: tenantId,
    slug,
    name: `Tenant ${slug}`,
    coverage: opts.coverage ?? standardCoverageJson,
    allowedOrigins: [origin],
    identitySecret: opts.identitySecret ?? null,
    webhookUrl: opts.webhookUrl ?? null,
    webhookSecret: opts.webhookUrl ? 'whsec_test' : null,
  });
  await db.insert(widgetKeys).values({ key: widgetKey, tenantId });
  await db
    .insert(agentTokens)
    .values({ id: `ag_${slug}`, tenantId, agentName: 'Ayu', tokenHash: await sha256Hex(agentToken) });
  for (const email of opts.contacts ?? []) {
    await db.insert(contacts).values({ id: crypto.randomUUID(), tenantId, email: email.toLowerCase() });
  }
  return { tenantId, widgetKey, agentToken, origin };
}
