import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

/**
 * Migration 0002 (the desk model) on a D1 filled at the previous schema (0000 + 0001): every tenant
 * becomes an organisation of one desk "Kinobi AI", every agent token an agent; tickets keep their ids,
 * due times, events and messages; numbers become one sequence per desk, the old ones legacy_number.
 */
const db = () => env.MIGRATION_DB;
const before = env.TEST_MIGRATIONS.filter((m) => m.name < '0002');

async function fillAtPreviousSchema() {
  await applyD1Migrations(db(), before);
  const now = Date.UTC(2026, 10, 30, 3, 0);
  const stmts = [
    `INSERT INTO tenants (id, slug, name, coverage, allowed_origins, identity_secret, webhook_url, webhook_secret, created_at, updated_at)
     VALUES ('ten_a', 'acme', 'PT Acme', '{"calendar":{"timeZone":"Asia/Jakarta","windows":[],"holidays":"id"},"targets":{}}', '["https://acme.example"]', 'acme-identity-secret-1', 'https://hooks.acme.example/k', 'whsec_a', 1, 1),
            ('ten_b', 'globex', 'Globex', '{}', '[]', NULL, NULL, NULL, 2, 2)`,
    `INSERT INTO agent_tokens (id, tenant_id, agent_name, token_hash, created_at) VALUES ('ag_a', 'ten_a', 'Ayu', 'hash-a', 1), ('ag_b', 'ten_b', 'Ayu', 'hash-b', 2), ('ag_c', 'ten_a', 'Sari', 'hash-c', 3)`,
    `INSERT INTO widget_keys (key, tenant_id) VALUES ('wk_a', 'ten_a'), ('wk_b', 'ten_b')`,
    `INSERT INTO contacts (id, tenant_id, email) VALUES ('c1', 'ten_a', 'it@acme.example')`,
  ];
  // 6 tickets, interleaved in time across the two tenants, each with a per-tenant number.
  const perTenant: Record<string, number> = {};
  for (let i = 0; i < 6; i++) {
    const tenant = i % 2 === 0 ? 'ten_a' : 'ten_b';
    perTenant[tenant] = (perTenant[tenant] ?? 0) + 1;
    const created = now + i * 60_000;
    stmts.push(
      `INSERT INTO tickets (id, tenant_id, number, channel, subject, description, category, severity, severity_rule, in_scope, contact_name, contact_email, access_token_hash, reply_token, clock_starts_at, first_response_due_at, at_risk_at, first_response_at, created_at, updated_at, assignee)
       VALUES ('t${i}', '${tenant}', ${perTenant[tenant]}, 'widget', 'Laporan error ${i}', 'Halaman gagal dimuat', 'problem', ${1 + (i % 4)}, 'r', 1, 'Budi', 'budi@x.example', 'h${i}', 'r${i}', ${created}, ${created + 7_200_000 + i}, ${created + 5_400_000}, ${i === 0 ? created + 60_000 : 'NULL'}, ${created}, ${created}, ${i === 0 ? "'Sari'" : 'NULL'})`,
      `INSERT INTO ticket_events (id, ticket_id, tenant_id, type, actor, data, created_at) VALUES ('e${i}', 't${i}', '${tenant}', 'created', 'customer', '{"i":${i}}', ${created})`,
    );
  }
  stmts.push(
    `INSERT INTO ticket_events (id, ticket_id, tenant_id, type, actor, data, created_at) VALUES ('e0b', 't0', 'ten_a', 'first_response', 'agent:Sari', '{}', ${now + 60_000})`,
    `INSERT INTO messages (id, ticket_id, tenant_id, author_type, author, body, public, channel, created_at) VALUES ('m0', 't0', 'ten_a', 'agent', 'Sari', 'Sedang kami periksa.', 1, 'api', ${now + 60_000}), ('m1', 't1', 'ten_b', 'customer', 'Budi', 'Masih error.', 1, 'widget', ${now + 70_000})`,
    `INSERT INTO escalations (id, ticket_id, tenant_id, team, note, actor, created_at) VALUES ('x0', 't0', 'ten_a', 'engineering', 'n', 'agent:Sari', ${now + 80_000})`,
    `INSERT INTO webhook_deliveries (id, tenant_id, ticket_id, event, dedupe_key, payload, next_attempt_at, created_at) VALUES ('w0', 'ten_a', 't0', 'ticket.escalated', 'k0', '{}', 1, 1)`,
    `INSERT INTO attachments (id, ticket_id, size, created_at) VALUES ('a0', 't1', 10, 1)`,
  );
  await db().batch(stmts.map((s) => db().prepare(s)));
}

const all = async <T>(sql: string) => (await db().prepare(sql).all<T>()).results;

describe('migration 0002: tenants become organisations of one desk', () => {
  it('keeps every row, id, due time and history, and renumbers per desk', async () => {
    await fillAtPreviousSchema();
    const countsBefore = await all<Record<string, number>>(
      `select (select count(*) from tenants) o, (select count(*) from tickets) t, (select count(*) from ticket_events) e,
        (select count(*) from messages) m, (select count(*) from escalations) x, (select count(*) from agent_tokens) a,
        (select count(*) from widget_keys) k, (select count(*) from contacts) c, (select count(*) from webhook_deliveries) w,
        (select count(*) from attachments) f`,
    );
    const ticketsBefore = await all<{
      id: string;
      number: number;
      first_response_due_at: number;
      tenant_id: string;
    }>('select id, number, first_response_due_at, tenant_id from tickets order by id');
    const historyBefore = await all(
      'select id, ticket_id, type, actor, data, created_at from ticket_events order by id',
    );

    await applyD1Migrations(db(), env.TEST_MIGRATIONS);

    const countsAfter = await all<Record<string, number>>(
      `select (select count(*) from organisations) o, (select count(*) from tickets) t, (select count(*) from ticket_events) e,
        (select count(*) from messages) m, (select count(*) from escalations) x, (select count(*) from agent_tokens) a,
        (select count(*) from widget_keys) k, (select count(*) from contacts) c, (select count(*) from webhook_deliveries) w,
        (select count(*) from attachments) f`,
    );
    expect(countsAfter).toEqual(countsBefore);
    expect(await all('select id, slug, name, identity_secret, webhook_url from desks')).toEqual([
      {
        id: 'desk_kinobi',
        slug: 'kinobi',
        name: 'Kinobi AI',
        identity_secret: 'acme-identity-secret-1',
        webhook_url: 'https://hooks.acme.example/k',
      },
    ]);
    expect(await all('select name, desk_id, role, teams from agents order by id')).toEqual([
      { name: 'Ayu', desk_id: 'desk_kinobi', role: 'agent', teams: '["support"]' },
      { name: 'Ayu', desk_id: 'desk_kinobi', role: 'agent', teams: '["support"]' },
      { name: 'Sari', desk_id: 'desk_kinobi', role: 'agent', teams: '["support"]' },
    ]);
    expect(await all('select id, agent_id, token_hash from agent_tokens order by id')).toEqual([
      { id: 'ag_a', agent_id: 'agt_ag_a', token_hash: 'hash-a' },
      { id: 'ag_b', agent_id: 'agt_ag_b', token_hash: 'hash-b' },
      { id: 'ag_c', agent_id: 'agt_ag_c', token_hash: 'hash-c' },
    ]);
    // Existing widget keys stay bound to their organisation, so every deployed page keeps its coverage.
    expect(await all('select key, desk_id, organisation_id from widget_keys order by key')).toEqual([
      { key: 'wk_a', desk_id: 'desk_kinobi', organisation_id: 'ten_a' },
      { key: 'wk_b', desk_id: 'desk_kinobi', organisation_id: 'ten_b' },
    ]);

    const ticketsAfter = await all<{
      id: string;
      number: number;
      legacy_number: number;
      first_response_due_at: number;
      organisation_id: string;
      assignee_id: string | null;
      legacy_assignee: string | null;
      waiting_on: string;
    }>(
      'select id, number, legacy_number, first_response_due_at, organisation_id, assignee_id, legacy_assignee, waiting_on from tickets order by id',
    );
    expect(
      ticketsAfter.map((t) => [t.id, t.legacy_number, t.first_response_due_at, t.organisation_id]),
    ).toEqual(ticketsBefore.map((t) => [t.id, t.number, t.first_response_due_at, t.tenant_id]));
    // One sequence for the desk, in creation order (t0 … t5 were created a minute apart).
    expect(ticketsAfter.map((t) => t.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ticketsAfter[0]).toMatchObject({
      assignee_id: 'agt_ag_c',
      legacy_assignee: 'Sari',
      waiting_on: 'customer',
    });
    expect(ticketsAfter[1]).toMatchObject({ assignee_id: null, waiting_on: 'us' });

    const historyAfter = await all(
      'select id, ticket_id, type, actor, data, created_at from ticket_events order by id',
    );
    expect(historyAfter).toEqual(historyBefore);
    expect(await all("select agent_id from ticket_events where id = 'e0b'")).toEqual([
      { agent_id: 'agt_ag_c' },
    ]);
    expect(await all("select agent_id from messages where id = 'm0'")).toEqual([{ agent_id: 'agt_ag_c' }]);
    expect(await all("select agent_id from escalations where id = 'x0'")).toEqual([{ agent_id: 'agt_ag_c' }]);
    // Full-text search is filled for the old tickets and kept in step by triggers.
    expect(
      await all("select ticket_id from tickets_fts where tickets_fts match 'laporan' order by ticket_id"),
    ).toHaveLength(6);
    expect(await all('PRAGMA foreign_key_check')).toEqual([]);
  });

  it('migrates an empty database without inventing a desk', async () => {
    // env.DB was migrated from empty by the setup file: the migration adds a desk only for existing tenants.
    const { results } = await env.DB.prepare('select count(*) as n from desks').all<{ n: number }>();
    expect(results).toEqual([{ n: 0 }]);
    const tables = await env.DB.prepare(
      "select name from sqlite_master where type = 'table' and name = 'tenants'",
    ).all();
    expect(tables.results).toEqual([]);
  });
});
