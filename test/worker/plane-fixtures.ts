import { env, exports } from 'cloudflare:workers';
import type { DatabaseName } from '../../worker/db/databases';
import type { DeskFixture } from './fixtures';

const ADMIN = { Authorization: 'Bearer test-admin-secret', 'Content-Type': 'application/json' };

async function admin<T>(method: string, path: string, body: unknown): Promise<T> {
  const res = await exports.default.fetch(`http://admin.test/v1/admin${path}`, {
    method,
    headers: { ...ADMIN, 'CF-Connecting-IP': '10.200.0.1' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A desk fixture plus where the admin API placed it. */
export type PlacedDesk = DeskFixture & { database: DatabaseName };

/**
 * A desk made through the admin API (so its directory entries are the real ones), placed on
 * `database` (or wherever the API chooses when omitted), with one organisation, an organisation-bound
 * key, the desk's own key and an agent with a token.
 */
export async function makeDeskOn(database?: DatabaseName, slug = `p${crypto.randomUUID().slice(0, 8)}`) {
  const origin = `https://${slug}.example`;
  const created = await admin<{ desk: { id: string }; widgetKey: string; database: DatabaseName }>(
    'POST',
    '/desks',
    {
      slug: `desk-${slug}`,
      name: `Desk ${slug}`,
      allowedOrigins: [origin],
      ...(database ? { database } : {}),
    },
  );
  const deskId = created.desk.id;
  await admin('POST', `/desks/${deskId}/organisations`, {
    slug,
    name: `Organisation ${slug}`,
    allowedOrigins: [origin],
  });
  const bound = await admin<{ widgetKey: string }>('POST', `/desks/${deskId}/widget-keys`, {
    organisation: slug,
  });
  const agent = await admin<{ agent: { id: string }; token: { token: string } }>(
    'POST',
    `/desks/${deskId}/agents`,
    { name: 'Ayu', email: `ayu@${slug}.kinobi.example` },
  );
  return {
    deskId,
    organisationId: `org_${slug}`,
    slug,
    widgetKey: bound.widgetKey,
    deskKey: created.widgetKey,
    agentToken: agent.token.token,
    agentId: agent.agent.id,
    origin,
    database: created.database,
  } satisfies PlacedDesk;
}

/** Rows of a table in one database binding, read directly (not through the worker). */
export async function rowsIn(database: DatabaseName, sql: string, ...params: unknown[]) {
  const { results } = await env[database]
    .prepare(sql)
    .bind(...params)
    .all<Record<string, unknown>>();
  return results;
}
