import { env } from 'cloudflare:workers';
import { getDb } from '../../worker/db/client';
import { agents, agentTokens, contacts, desks, organisations, widgetKeys } from '../../worker/db/schema';
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

/** A premium order form: severity 1 covered 24x7 (no holidays), the rest on standard hours. */
export const premiumCoverageJson = {
  ...standardCoverageJson,
  targets: {
    ...standardCoverageJson.targets,
    '1': {
      businessMinutes: 120,
      calendar: {
        timeZone: 'Asia/Jakarta',
        windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }],
        holidays: 'none',
      },
    },
  },
};

/** A desk with one organisation, as most tests need it. */
export interface DeskFixture {
  deskId: string;
  organisationId: string;
  slug: string;
  /** A widget key bound to the organisation (its own deployment): the organisation applies. */
  widgetKey: string;
  /** The desk's own key (the Kinobi platform): the organisation comes from an identity token, or none. */
  deskKey: string;
  agentToken: string;
  agentId: string;
  /** Allowed for both keys. */
  origin: string;
}

/**
 * Creates a desk with one organisation (coverage, contacts), a bound and a desk widget key, and an
 * agent with a token. Each call makes its own desk, so two fixtures never see each other's data.
 */
export async function makeDesk(
  opts: {
    slug?: string;
    coverage?: unknown;
    deskCoverage?: unknown;
    identitySecret?: string;
    contacts?: string[];
    webhookUrl?: string;
    role?: 'agent' | 'lead' | 'admin';
    teams?: ('support' | 'engineering' | 'product' | 'infrastructure' | 'security')[];
  } = {},
): Promise<DeskFixture> {
  const slug = opts.slug ?? `t${crypto.randomUUID().slice(0, 8)}`;
  const deskId = `desk_${slug}`;
  const organisationId = `org_${slug}`;
  const widgetKey = `wk_${slug}`;
  const deskKey = `wkd_${slug}`;
  const agentToken = `at_${slug}`;
  const agentId = `agt_${slug}`;
  const origin = `https://${slug}.example`;
  const db = getDb(env.DB);
  await db.insert(desks).values({
    id: deskId,
    slug: `desk-${slug}`,
    name: `Desk ${slug}`,
    coverage: opts.deskCoverage ?? standardCoverageJson,
    allowedOrigins: [origin],
    identitySecret: opts.identitySecret ?? null,
    webhookUrl: opts.webhookUrl ?? null,
    webhookSecret: opts.webhookUrl ? 'whsec_test' : null,
  });
  await db.insert(organisations).values({
    id: organisationId,
    deskId,
    slug,
    name: `Organisation ${slug}`,
    coverage: opts.coverage ?? standardCoverageJson,
    allowedOrigins: [origin],
  });
  await db.insert(widgetKeys).values([
    { key: widgetKey, deskId, organisationId },
    { key: deskKey, deskId },
  ]);
  await db.insert(agents).values({
    id: agentId,
    deskId,
    name: 'Ayu',
    email: `ayu@${slug}.kinobi.example`,
    role: opts.role ?? 'agent',
    teams: opts.teams ?? ['support'],
  });
  await db.insert(agentTokens).values({ id: `tok_${slug}`, agentId, tokenHash: await sha256Hex(agentToken) });
  for (const email of opts.contacts ?? []) {
    await db.insert(contacts).values({ id: crypto.randomUUID(), organisationId, email: email.toLowerCase() });
  }
  return { deskId, organisationId, slug, widgetKey, deskKey, agentToken, agentId, origin };
}

/** Another organisation in an existing desk; returns its id and slug. */
export async function addOrganisation(
  deskId: string,
  slug: string,
  coverage: unknown = standardCoverageJson,
) {
  await getDb(env.DB)
    .insert(organisations)
    .values({ id: `org_${slug}`, deskId, slug, name: `Organisation ${slug}`, coverage });
  return { organisationId: `org_${slug}`, slug };
}

/** Another agent (with a token) in an existing desk. */
export async function addAgent(
  deskId: string,
  name: string,
  opts: { role?: 'agent' | 'lead' | 'admin'; teams?: ('support' | 'security' | 'engineering')[] } = {},
) {
  const id = `agt_${crypto.randomUUID().slice(0, 8)}`;
  const token = `at_${id}`;
  const db = getDb(env.DB);
  await db
    .insert(agents)
    .values({ id, deskId, name, role: opts.role ?? 'agent', teams: opts.teams ?? ['support'] });
  await db.insert(agentTokens).values({ id: `tok_${id}`, agentId: id, tokenHash: await sha256Hex(token) });
  return { agentId: id, agentToken: token };
}
