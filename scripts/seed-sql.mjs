// The local demo data as SQL, one statement per line (for `wrangler d1 execute --file` and D1's exec).
// Pure: Web Crypto only, so the same code runs in node (npm run dev, the bench) and in workerd (tests).

/** The demo tenant's credentials, printed by `npm run dev`. Local only; never deploy them. */
export const DEMO = {
  tenantId: 'ten_demo',
  slug: 'demo',
  name: 'Demo',
  widgetKey: 'demo-widget-key',
  agentToken: 'demo-agent-token',
  agentName: 'Demo Agent',
  identitySecret: 'demo-identity-secret',
  contact: 'it@demo.example',
  origins: ['http://127.0.0.1:8787', 'http://localhost:8787'],
};

/** Standard coverage (guide section 5), as shared/targets.ts STANDARD_COVERAGE stores it. */
export const STANDARD_COVERAGE_JSON = {
  calendar: {
    timeZone: 'Asia/Jakarta',
    windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }],
    holidays: 'id',
    closeCollectiveLeave: false,
  },
  targets: {
    1: { businessMinutes: 120 },
    2: { businessMinutes: 240 },
    3: { businessMinutes: 540 },
    4: { businessMinutes: 1080 },
  },
};

/** SHA-256 hex, as agent tokens are stored. */
export async function sha256Hex(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const q = (v) => (v === null ? 'NULL' : `'${String(v).replaceAll("'", "''")}'`);

/** Idempotent statements for one tenant: the tenant is upserted, keys/tokens/contacts inserted once. */
async function tenantSql(t) {
  const lines = [
    `INSERT INTO tenants (id, slug, name, locale, coverage, allowed_origins, identity_secret) VALUES (${q(t.tenantId)}, ${q(t.slug)}, ${q(t.name)}, 'id', ${q(JSON.stringify(STANDARD_COVERAGE_JSON))}, ${q(JSON.stringify(t.origins))}, ${q(t.identitySecret)}) ON CONFLICT(id) DO UPDATE SET name = excluded.name, coverage = excluded.coverage, allowed_origins = excluded.allowed_origins, identity_secret = excluded.identity_secret, updated_at = cast(unixepoch('subsec') * 1000 as integer);`,
    `INSERT OR IGNORE INTO agent_tokens (id, tenant_id, agent_name, token_hash) VALUES (${q(`ag_${t.slug}`)}, ${q(t.tenantId)}, ${q(t.agentName)}, ${q(await sha256Hex(t.agentToken))});`,
  ];
  for (const key of t.widgetKeys ?? [t.widgetKey]) {
    lines.push(`INSERT OR IGNORE INTO widget_keys (key, tenant_id) VALUES (${q(key)}, ${q(t.tenantId)});`);
  }
  if (t.contact) {
    lines.push(
      `INSERT OR IGNORE INTO contacts (id, tenant_id, email, name) VALUES (${q(`ct_${t.slug}_1`)}, ${q(t.tenantId)}, ${q(t.contact)}, 'IT Demo');`,
    );
  }
  return lines;
}

/** The demo tenant (issue 3 "Local demo data"); `origins` defaults to the dev server's two. */
export async function demoSeedSql(origins = DEMO.origins) {
  return `${(await tenantSql({ ...DEMO, origins })).join('\n')}\n`;
}

/**
 * A bench-only tenant with `keys` widget keys `bench-key-<n>`: the bench spreads its requests over
 * them so the real rate limiter runs on every request without throttling the measurement.
 */
export async function benchSeedSql(keys) {
  const widgetKeys = Array.from({ length: keys }, (_, i) => `bench-key-${i}`);
  const t = {
    ...DEMO,
    tenantId: 'ten_bench',
    slug: 'bench',
    name: 'Bench',
    widgetKeys,
    agentToken: 'bench-agent-token',
    contact: null,
  };
  return `${(await tenantSql(t)).join('\n')}\n`;
}
