// The local demo data as SQL, one statement per line (for `wrangler d1 execute --file` and D1's exec).
// Pure: Web Crypto only, so the same code runs in node (npm run dev, the bench) and in workerd (tests).

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

/** A premium order form: severity 1 covered 24x7 (its own calendar), the rest on standard hours. */
export const PREMIUM_COVERAGE_JSON = {
  ...STANDARD_COVERAGE_JSON,
  targets: {
    ...STANDARD_COVERAGE_JSON.targets,
    1: {
      businessMinutes: 120,
      calendar: {
        timeZone: 'Asia/Jakarta',
        windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }],
        holidays: 'none',
      },
    },
  },
};

/** The demo desk's credentials, printed by `npm run dev`. Local only; never deploy them. */
export const DEMO = {
  deskId: 'desk_kinobi',
  deskSlug: 'kinobi',
  deskName: 'Kinobi AI',
  widgetKey: 'demo-widget-key',
  identitySecret: 'demo-identity-secret',
  origins: ['http://127.0.0.1:8787', 'http://localhost:8787'],
  organisations: [
    {
      id: 'org_demo',
      slug: 'demo',
      name: 'PT Demo Nusantara',
      coverage: STANDARD_COVERAGE_JSON,
      contact: 'it@demo.example',
    },
    {
      id: 'org_premium',
      slug: 'premium',
      name: 'PT Contoh Premium',
      coverage: PREMIUM_COVERAGE_JSON,
      contact: 'it@premium.example',
      successContact: { name: 'Sinta Wijaya', email: 'sinta.cs@kinobi.example' },
    },
  ],
  agents: [
    {
      id: 'agt_demo',
      name: 'Ayu Lestari',
      email: 'ayu@kinobi.example',
      role: 'agent',
      teams: ['support'],
      token: 'demo-agent-token',
    },
    {
      id: 'agt_lead',
      name: 'Bagus Pratama',
      email: 'bagus@kinobi.example',
      role: 'lead',
      teams: ['support', 'security'],
      token: 'demo-lead-token',
    },
  ],
  // The demo widget's contact fields: an authorised contact of organisation demo.
  contact: 'it@demo.example',
  // Kept for the scripts that name one agent token.
  agentToken: 'demo-agent-token',
  slug: 'demo',
  name: 'PT Demo Nusantara',
};

/** SHA-256 hex, as agent tokens are stored. */
export async function sha256Hex(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const q = (v) => (v === null || v === undefined ? 'NULL' : `'${String(v).replaceAll("'", "''")}'`);
const NOW = "cast(unixepoch('subsec') * 1000 as integer)";

/** Idempotent statements for one desk: desk and organisations upserted, keys/agents/tokens/contacts inserted once. */
async function deskSql(d) {
  const lines = [
    `INSERT INTO desks (id, slug, name, locale, coverage, allowed_origins, identity_secret) VALUES (${q(d.deskId)}, ${q(d.deskSlug)}, ${q(d.deskName)}, 'id', ${q(JSON.stringify(STANDARD_COVERAGE_JSON))}, ${q(JSON.stringify(d.origins))}, ${q(d.identitySecret)}) ON CONFLICT(id) DO UPDATE SET name = excluded.name, coverage = excluded.coverage, allowed_origins = excluded.allowed_origins, identity_secret = excluded.identity_secret, updated_at = ${NOW};`,
  ];
  for (const o of d.organisations) {
    lines.push(
      `INSERT INTO organisations (id, desk_id, slug, name, locale, coverage, allowed_origins, success_contact_name, success_contact_email) VALUES (${q(o.id)}, ${q(d.deskId)}, ${q(o.slug)}, ${q(o.name)}, 'id', ${q(JSON.stringify(o.coverage))}, '[]', ${q(o.successContact?.name)}, ${q(o.successContact?.email)}) ON CONFLICT(id) DO UPDATE SET name = excluded.name, coverage = excluded.coverage, success_contact_name = excluded.success_contact_name, success_contact_email = excluded.success_contact_email, updated_at = ${NOW};`,
    );
    if (o.contact) {
      lines.push(
        `INSERT OR IGNORE INTO contacts (id, organisation_id, email, name) VALUES (${q(`ct_${o.slug}_1`)}, ${q(o.id)}, ${q(o.contact)}, 'IT');`,
      );
    }
  }
  for (const a of d.agents) {
    lines.push(
      `INSERT INTO agents (id, desk_id, name, email, role, teams) VALUES (${q(a.id)}, ${q(d.deskId)}, ${q(a.name)}, ${q(a.email)}, ${q(a.role)}, ${q(JSON.stringify(a.teams))}) ON CONFLICT(id) DO UPDATE SET name = excluded.name, email = excluded.email, role = excluded.role, teams = excluded.teams;`,
      `INSERT OR IGNORE INTO agent_tokens (id, agent_id, token_hash) VALUES (${q(`tok_${a.id}`)}, ${q(a.id)}, ${q(await sha256Hex(a.token))});`,
    );
  }
  for (const key of d.widgetKeys ?? [d.widgetKey]) {
    lines.push(`INSERT OR IGNORE INTO widget_keys (key, desk_id) VALUES (${q(key)}, ${q(d.deskId)});`);
  }
  return lines;
}

/**
 * The control database's side of a desk (issue 15): where it is placed, and the directory entries
 * its credentials, ids and mailboxes resolve through (hashes of secrets, as worker/planes/register.ts
 * writes them). Idempotent.
 */
async function directorySql(d, database) {
  const entries = [
    ['desk', d.deskId],
    ['mailbox', d.deskSlug.toLowerCase()],
    ...d.organisations.flatMap((o) => [
      ['organisation', o.id],
      ['mailbox', o.slug.toLowerCase()],
    ]),
  ];
  for (const a of d.agents) entries.push(['agent', a.id], ['agent_token', await sha256Hex(a.token)]);
  for (const key of d.widgetKeys ?? [d.widgetKey]) entries.push(['widget_key', await sha256Hex(key)]);
  return [
    `INSERT OR IGNORE INTO desk_databases (desk_id, database, created_at) VALUES (${q(d.deskId)}, ${q(database)}, ${NOW});`,
    ...entries.map(
      ([kind, key]) =>
        `INSERT OR IGNORE INTO directory_entries (kind, key, desk_id, created_at) VALUES (${q(kind)}, ${q(key)}, ${q(d.deskId)}, ${NOW});`,
    ),
  ];
}

/** The data database the demo desk lives on. */
export const DEMO_DATABASE = 'DATA_1';

/** The demo desk's rows (issue 9 "Demo"), for its data database; `origins` defaults to the dev server's two. */
export async function demoSeedSql(origins = DEMO.origins) {
  return `${(await deskSql({ ...DEMO, origins })).join('\n')}\n`;
}

/** The demo desk's placement and directory entries, for the control database `DB`. */
export async function demoDirectorySql(database = DEMO_DATABASE) {
  return `${(await directorySql(DEMO, database)).join('\n')}\n`;
}

/** The demo desk as `seedLocal` (scripts/local-wrangler.mjs) takes it: data, directory, database. */
export async function demoSeed(origins = DEMO.origins, database = DEMO_DATABASE) {
  return { data: await demoSeedSql(origins), directory: await demoDirectorySql(database), database };
}

/**
 * A bench-only desk with `keys` widget keys `bench-key-<n>` and `organisations` organisations: the bench
 * spreads its requests over the keys so the real rate limiter runs on every request without throttling
 * the measurement. Its agent token is `bench-agent-token`.
 */
export async function benchSeedSql(keys, organisations = 20) {
  const d = {
    ...DEMO,
    deskId: 'desk_bench',
    deskSlug: 'bench',
    deskName: 'Bench desk',
    widgetKeys: Array.from({ length: keys }, (_, i) => `bench-key-${i}`),
    organisations: Array.from({ length: organisations }, (_, i) => ({
      id: `org_bench${i}`,
      slug: `bench${i}`,
      name: `Bench organisation ${i}`,
      coverage: STANDARD_COVERAGE_JSON,
    })),
    agents: [
      {
        id: 'agt_bench',
        name: 'Bench',
        email: 'bench@kinobi.example',
        role: 'agent',
        teams: ['support'],
        token: 'bench-agent-token',
      },
    ],
  };
  return `${(await deskSql(d)).join('\n')}\n`;
}

/**
 * A bench desk `bench-<slug>` for the noisy-neighbour bench (issue 15), placed on `database`: `keys`
 * widget keys `<slug>-key-<n>` (the desk's own), `organisations` organisations and an agent with
 * token `<slug>-agent-token`. Returns what `seedLocal` takes.
 */
export async function placedBenchSeed({ slug, database, keys = 4, organisations = 4 }) {
  const d = {
    ...DEMO,
    deskId: `desk_${slug}`,
    deskSlug: `bench-${slug}`,
    deskName: `Bench desk ${slug}`,
    widgetKeys: Array.from({ length: keys }, (_, i) => `${slug}-key-${i}`),
    organisations: Array.from({ length: organisations }, (_, i) => ({
      id: `org_${slug}${i}`,
      slug: `${slug}${i}`,
      name: `Bench organisation ${slug}${i}`,
      coverage: STANDARD_COVERAGE_JSON,
    })),
    agents: [
      {
        id: `agt_${slug}`,
        name: `Bench ${slug}`,
        email: `${slug}@kinobi.example`,
        role: 'agent',
        teams: ['support'],
        token: `${slug}-agent-token`,
      },
    ],
  };
  return {
    data: `${(await deskSql(d)).join('\n')}\n`,
    directory: `${(await directorySql(d, database)).join('\n')}\n`,
    database,
  };
}
