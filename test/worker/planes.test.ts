import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../worker/db/client';
import { ALL_DATABASES, DATA_DATABASES, type DatabaseName } from '../../worker/db/databases';
import worker from '../../worker/index';
import { issueConversationLink } from '../../worker/tickets/conversation-link';
import outlook from '../fixtures/email/outlook.eml?raw';
import { desk, signIn } from './desk-helpers';
import { captureMail, DOMAIN, deliver } from './email-helpers';
import { postTicket, ticketBody } from './intake-helpers';
import { makeDeskOn, type PlacedDesk, rowsIn } from './plane-fixtures';
import { bearer } from './ticket-fixtures';

const agentGet = (token: string, path: string, headers: Record<string, string> = {}) =>
  exports.default.fetch(`http://api.test${path}`, {
    headers: { ...bearer(token), 'CF-Connecting-IP': '10.50.0.1', ...headers },
  });

/** Where a ticket row is, asking every database directly. */
async function databasesHolding(table: string, id: string): Promise<DatabaseName[]> {
  const found: DatabaseName[] = [];
  for (const name of ALL_DATABASES) {
    if ((await rowsIn(name, `select 1 from ${table} where id = ?`, id)).length) found.push(name);
  }
  return found;
}

async function openTicket(d: PlacedDesk, subject: string) {
  const res = await postTicket(d, ticketBody({ subject }));
  expect(res.status).toBe(201);
  return { res, body: (await res.json()) as { id: string; accessToken: string } };
}

let a: PlacedDesk;
let b: PlacedDesk;
beforeAll(async () => {
  a = await makeDeskOn('DATA_1');
  b = await makeDeskOn('DATA_2');
});
afterEach(() => vi.restoreAllMocks());

describe('migrations on every database', () => {
  it('brings both data databases (and the control one) to the same, current schema', async () => {
    const expected = env.TEST_MIGRATIONS.map((m) => m.name);
    expect(expected.at(-1)).toMatch(/search_rowid_due_filters/);
    for (const name of ALL_DATABASES) {
      const applied = await rowsIn(name, 'select name from d1_migrations order by id');
      expect(applied.map((r) => r.name)).toEqual(expected);
    }
    const tablesOf = async (name: DatabaseName) =>
      (await rowsIn(name, "select name from sqlite_master where type = 'table' order by name")).map(
        (r) => r.name,
      );
    expect(await tablesOf('DATA_1')).toEqual(await tablesOf('DATA_2'));
    expect(await tablesOf('DATA_2')).toContain('tickets');
  });

  it('registers every data database of the code in wrangler.toml', () => {
    for (const name of DATA_DATABASES) expect(typeof env[name].prepare).toBe('function');
  });
});

describe('placing desks', () => {
  it('puts each desk and its credentials on its data database, and its directory in DB', async () => {
    expect(await databasesHolding('desks', a.deskId)).toEqual(['DATA_1']);
    expect(await databasesHolding('desks', b.deskId)).toEqual(['DATA_2']);
    expect(await databasesHolding('agents', b.agentId)).toEqual(['DATA_2']);
    const placed = await rowsIn('DB', 'select database from desk_databases where desk_id = ?', b.deskId);
    expect(placed).toEqual([{ database: 'DATA_2' }]);
    const kinds = await rowsIn(
      'DB',
      'select kind from directory_entries where desk_id = ? order by kind',
      b.deskId,
    );
    expect(kinds.map((r) => r.kind)).toEqual([
      'agent',
      'agent_token',
      'desk',
      'mailbox',
      'mailbox',
      'organisation',
      'widget_key',
      'widget_key',
    ]);
    // Only hashes of secrets: the token itself is nowhere in the control database.
    const keys = await rowsIn('DB', 'select key from directory_entries where desk_id = ?', b.deskId);
    expect(keys.map((r) => r.key)).not.toContain(b.agentToken);
  });

  it('places a desk created without `database` on the data database holding the fewest desks', async () => {
    const count = async (name: string) =>
      Number((await rowsIn('DB', 'select count(*) as n from desk_databases where database = ?', name))[0]?.n);
    await makeDeskOn('DATA_1');
    const fewer = (await count('DATA_1')) <= (await count('DATA_2')) ? 'DATA_1' : 'DATA_2';
    const c = await makeDeskOn();
    expect(c.database).toBe(fewer);
  });

  it('keeps organisation slugs unique across databases (409) and writes nothing for the loser', async () => {
    const res = await exports.default.fetch(`http://admin.test/v1/admin/desks/${b.deskId}/organisations`, {
      method: 'POST',
      headers: { ...bearer('test-admin-secret'), 'Content-Type': 'application/json' },
      body: JSON.stringify({ slug: a.slug, name: 'Copycat' }),
    });
    expect(res.status).toBe(409);
    expect(await rowsIn('DATA_2', 'select id from organisations where slug = ?', a.slug)).toEqual([]);
  });
});

describe('routing and isolation', () => {
  it("lands each desk's tickets in its own database", async () => {
    const ta = await openTicket(a, 'Desk A cannot log in');
    const tb = await openTicket(b, 'Desk B export fails');
    expect(await databasesHolding('tickets', ta.body.id)).toEqual(['DATA_1']);
    expect(await databasesHolding('tickets', tb.body.id)).toEqual(['DATA_2']);
    const events = await rowsIn(
      'DATA_2',
      'select count(*) as n from ticket_events where ticket_id = ?',
      tb.body.id,
    );
    expect(Number(events[0]?.n)).toBeGreaterThan(0);
  });

  it("never shows desk B's ticket to desk A's credentials, even by its id and access token", async () => {
    const tb = await openTicket(b, 'Private to desk B');
    const asAgent = await agentGet(a.agentToken, `/v1/tickets/${tb.body.id}`);
    expect(asAgent.status).toBe(404);
    const list = (await (await agentGet(a.agentToken, '/v1/tickets?limit=100')).json()) as {
      tickets: { id: string }[];
    };
    expect(list.tickets.map((t) => t.id)).not.toContain(tb.body.id);
    const patch = await exports.default.fetch(`http://api.test/v1/tickets/${tb.body.id}`, {
      method: 'PATCH',
      headers: { ...bearer(a.agentToken), 'Content-Type': 'application/json', 'If-Match': '"1"' },
      body: JSON.stringify({ status: 'open' }),
    });
    expect(patch.status).toBe(404);
    const asWidget = await exports.default.fetch(`http://api.test/v1/tickets/${tb.body.id}/conversation`, {
      headers: { 'X-Kinobi-Key': a.widgetKey, 'X-Ticket-Token': tb.body.accessToken },
    });
    expect([403, 404]).toContain(asWidget.status);
    // Desk B's own agent does see it.
    expect((await agentGet(b.agentToken, `/v1/tickets/${tb.body.id}`)).status).toBe(200);
  });

  it("routes a console session to its agent's database", async () => {
    await openTicket(b, 'Seen in desk B console');
    await openTicket(a, 'Seen in desk A console');
    const cookie = await signIn(b.agentToken);
    const page = await (await desk('/desk', { cookie })).text();
    expect(page).toContain('Seen in desk B console');
    expect(page).not.toContain('Seen in desk A console');
    const sessions = await rowsIn('DATA_2', 'select count(*) as n from desk_sessions');
    expect(Number(sessions[0]?.n)).toBeGreaterThan(0);
    expect(await rowsIn('DB', 'select id from desk_sessions')).toEqual([]);
  });

  it("routes inbound mail to the database of the address's desk", async () => {
    captureMail();
    const { rejected } = await deliver(outlook, {
      from: 'budi.santoso@pelanggan.co.id',
      to: `support+${b.slug}@${DOMAIN}`,
    });
    expect(rejected).toEqual([]);
    const inB = await rowsIn(
      'DATA_2',
      "select id from tickets where desk_id = ? and channel = 'email'",
      b.deskId,
    );
    expect(inB).toHaveLength(1);
    expect(await rowsIn('DATA_1', "select id from tickets where channel = 'email'")).toEqual([]);
    expect(await rowsIn('DB', "select id from tickets where channel = 'email'")).toEqual([]);
  });
});

describe('conversation links and holidays', () => {
  it('routes a /r/<token> link made for a desk on DATA_2 to DATA_2', async () => {
    const tb = await openTicket(b, 'Link to desk B');
    const token = await issueConversationLink(getDb(env.DATA_2), tb.body.id, {
      now: Date.now(),
      directory: { env, deskId: b.deskId },
    });
    const res = await exports.default.fetch(`http://api.test/r/${token}`, {
      headers: { 'CF-Connecting-IP': '10.70.0.1' },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Link to desk B');
    expect(
      res.headers.getSetCookie().some((c) => c.startsWith('kinobi_d1_bookmark=') && /Path=\/r/.test(c)),
    ).toBe(true);
  });

  it('writes a year of holidays into every database', async () => {
    const res = await exports.default.fetch('http://admin.test/v1/admin/holidays/id/2028', {
      method: 'PUT',
      headers: { ...bearer('test-admin-secret'), 'Content-Type': 'application/json' },
      body: JSON.stringify({ national: [{ date: '2028-01-01', name: 'Tahun Baru' }], collectiveLeave: [] }),
    });
    expect(res.status).toBe(200);
    for (const name of ALL_DATABASES) {
      expect(await rowsIn(name, "select name from holidays where date = '2028-01-01'")).toEqual([
        { name: 'Tahun Baru' },
      ]);
    }
  });
});

describe("an organisation's own inbound address", () => {
  const patchOrganisation = (id: string, body: unknown) =>
    exports.default.fetch(`http://admin.test/v1/admin/organisations/${id}`, {
      method: 'PATCH',
      headers: { ...bearer('test-admin-secret'), 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const mailboxes = async (deskId: string) =>
    (
      await rowsIn(
        'DB',
        "select key from directory_entries where kind = 'mailbox' and desk_id = ? order by key",
        deskId,
      )
    ).map((r) => r.key);

  it('routes mail to a new address to the desk’s database, forgets the old one, and keeps addresses unique', async () => {
    expect((await patchOrganisation(b.organisationId, { emailAddress: 'Help@B-Corp.example' })).status).toBe(
      200,
    );
    expect(await mailboxes(b.deskId)).toContain('help@b-corp.example');
    captureMail();
    const { rejected } = await deliver(
      outlook.replace(/Message-ID:[^\n]*/i, 'Message-ID: <own-address-1@b-corp.example>'),
      {
        from: 'budi.santoso@pelanggan.co.id',
        to: 'help@b-corp.example',
      },
    );
    expect(rejected).toEqual([]);
    expect(
      await rowsIn(
        'DATA_2',
        "select id from tickets where email_message_id like '%own-address-1@b-corp.example%'",
      ),
    ).toHaveLength(1);
    // Desk A cannot take desk B's address.
    expect((await patchOrganisation(a.organisationId, { emailAddress: 'help@b-corp.example' })).status).toBe(
      409,
    );
    expect((await patchOrganisation(b.organisationId, { emailAddress: 'desk@b-corp.example' })).status).toBe(
      200,
    );
    const now = await mailboxes(b.deskId);
    expect(now).toContain('desk@b-corp.example');
    expect(now).not.toContain('help@b-corp.example');
  });
});

describe('cron over every data database', () => {
  it('announces breaches in both data databases in one run', async () => {
    const ta = await openTicket(a, 'Cron A');
    const tb = await openTicket(b, 'Cron B');
    const ctx = createExecutionContext();
    // A month later every first response is overdue.
    const later = Date.now() + 30 * 86_400_000;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response('ok'));
    await worker.scheduled(createScheduledController({ scheduledTime: later, cron: '* * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    const state = async (name: DatabaseName, id: string) =>
      (await rowsIn(name, 'select sla_notified from tickets where id = ?', id))[0]?.sla_notified;
    expect(await state('DATA_1', ta.body.id)).toBe('breached');
    expect(await state('DATA_2', tb.body.id)).toBe('breached');
    const breaches = await rowsIn('DATA_2', 'select kind from sla_breaches where ticket_id = ?', tb.body.id);
    expect(breaches.map((r) => r.kind)).toContain('first_response');
  });
});

describe('reads from replicas (D1 sessions)', () => {
  it('answers a write with a bookmark, and a read with that bookmark sees the write', async () => {
    const { res, body } = await openTicket(a, 'Bookmarked write');
    const bookmark = res.headers.get('x-d1-bookmark');
    expect(bookmark).toBeTruthy();
    const read = await agentGet(a.agentToken, `/v1/tickets/${body.id}`, { 'x-d1-bookmark': bookmark ?? '' });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { subject: string }).subject).toBe('Bookmarked write');
    expect(read.headers.get('x-d1-bookmark')).toBeTruthy();
  });

  it('ignores a header that is not a bookmark instead of failing the read', async () => {
    const read = await agentGet(a.agentToken, '/v1/tickets', {
      'x-d1-bookmark': 'not a bookmark; drop table',
    });
    expect(read.status).toBe(200);
  });

  it('lets the widget read the bookmark cross-origin and keeps the console bookmark in a /desk cookie', async () => {
    const pre = await exports.default.fetch('http://api.test/v1/tickets', {
      method: 'OPTIONS',
      headers: {
        Origin: a.origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'x-kinobi-key, x-d1-bookmark',
      },
    });
    expect(pre.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('x-d1-bookmark');
    const post = await postTicket(a, ticketBody({ subject: 'From the page' }), { origin: a.origin });
    expect(post.headers.get('Access-Control-Expose-Headers')?.toLowerCase()).toContain('x-d1-bookmark');
    const cookie = await signIn(a.agentToken);
    const page = await desk('/desk', { cookie });
    const set = page.headers.getSetCookie().find((c) => c.startsWith('kinobi_d1_bookmark='));
    expect(set).toMatch(/Path=\/desk/);
  });
});
