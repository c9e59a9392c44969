import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ConversationItem } from '../../shared/conversation-schema';
import type { TicketCreated } from '../../shared/schema';
import { getDb } from '../../worker/db/client';
import { widgetKeys } from '../../worker/db/schema';
import { addOrganisation, makeDesk } from './fixtures';
import { identityToken } from './identity-helpers';
import { postTicket, ticketBody } from './intake-helpers';
import { bearer } from './ticket-fixtures';

type Page = { items: ConversationItem[]; cursor: string; ticket: { number: number; status: string } };
const SECRET = 'conversation-identity-secret';

const get = (fx: { widgetKey: string }, path: string, headers: Record<string, string> = {}) =>
  exports.default.fetch(`http://api.test${path}`, {
    headers: {
      'X-Kinobi-Key': fx.widgetKey,
      'CF-Connecting-IP': `10.7.${Math.floor(Math.random() * 250)}.1`,
      ...headers,
    },
  });
const reply = (token: string, id: string, body: string, isPublic = true) =>
  exports.default.fetch(`http://api.test/v1/tickets/${id}/messages`, {
    method: 'POST',
    headers: { ...bearer(token), 'Content-Type': 'application/json' },
    body: JSON.stringify({ body, public: isPublic }),
  });
const customerReply = (fx: { widgetKey: string }, id: string, accessToken: string, body: string) =>
  exports.default.fetch(`http://api.test/v1/tickets/${id}/messages`, {
    method: 'POST',
    headers: {
      'X-Kinobi-Key': fx.widgetKey,
      'X-Ticket-Token': accessToken,
      'Content-Type': 'application/json',
      'CF-Connecting-IP': `10.8.${Math.floor(Math.random() * 250)}.1`,
    },
    body: JSON.stringify({ body }),
  });

async function filed(fx: Awaited<ReturnType<typeof makeDesk>>, over = {}) {
  const res = await postTicket(fx, ticketBody(over));
  expect(res.status).toBe(201);
  return (await res.json()) as TicketCreated & { accessToken: string };
}

describe('the customer’s conversation', () => {
  it('shows public replies and status changes in order, never internal notes or agents’ emails', async () => {
    const fx = await makeDesk();
    const t = await filed(fx);
    await reply(fx.agentToken, t.id, 'Kami sedang memeriksa.');
    await reply(fx.agentToken, t.id, 'Catatan internal: cek log DB', false);
    await exports.default.fetch(`http://api.test/v1/tickets/${t.id}`, {
      method: 'PATCH',
      headers: { ...bearer(fx.agentToken), 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'pending' }),
    });
    await customerReply(fx, t.id, t.accessToken, 'Sudah saya coba lagi, masih error.');
    const res = await get(fx, `/v1/tickets/${t.id}/conversation`, { 'X-Ticket-Token': t.accessToken });
    expect(res.status).toBe(200);
    const page = (await res.json()) as Page;
    expect(
      page.items.map((i) => (i.kind === 'message' ? [i.from, i.name, i.body] : ['status', i.status])),
    ).toEqual([
      ['agent', 'Ayu', 'Kami sedang memeriksa.'],
      ['status', 'pending'],
      // The reply and the reopening it caused share an instant: the reply comes first.
      ['customer', 'Budi Santoso', 'Sudah saya coba lagi, masih error.'],
      ['status', 'open'],
    ]);
    const text = JSON.stringify(page);
    expect(text).not.toContain('Catatan internal');
    expect(text).not.toContain('@kinobi.example');
  });

  it('reads on by cursor: only what is new, and a reply just sent is in the next read', async () => {
    const fx = await makeDesk();
    const t = await filed(fx);
    const headers = { 'X-Ticket-Token': t.accessToken };
    await reply(fx.agentToken, t.id, 'Satu');
    const first = (await (await get(fx, `/v1/tickets/${t.id}/conversation`, headers)).json()) as Page;
    expect(first.items).toHaveLength(1);
    await customerReply(fx, t.id, t.accessToken, 'Dua');
    const next = (await (
      await get(fx, `/v1/tickets/${t.id}/conversation?after=${first.cursor}`, headers)
    ).json()) as Page;
    expect(next.items.map((i) => (i.kind === 'message' ? i.body : i.status))).toEqual(['Dua']);
    const none = (await (
      await get(fx, `/v1/tickets/${t.id}/conversation?after=${next.cursor}`, headers)
    ).json()) as Page;
    expect(none.items).toEqual([]);
    expect(none.cursor).toBe(next.cursor);
    expect((await get(fx, `/v1/tickets/${t.id}/conversation?after=bogus`, headers)).status).toBe(400);
  });

  it('misses nothing when replies are written concurrently with the reads', async () => {
    const fx = await makeDesk();
    const t = await filed(fx);
    const headers = { 'X-Ticket-Token': t.accessToken };
    const seen: string[] = [];
    let cursor = '';
    const writes = Array.from({ length: 20 }, (_, i) =>
      i % 2
        ? reply(fx.agentToken, t.id, `agent ${i}`)
        : customerReply(fx, t.id, t.accessToken, `customer ${i}`),
    );
    const reads = (async () => {
      for (let r = 0; r < 10; r++) {
        const page = (await (
          await get(fx, `/v1/tickets/${t.id}/conversation${cursor ? `?after=${cursor}` : ''}`, headers)
        ).json()) as Page;
        for (const i of page.items) if (i.kind === 'message') seen.push(i.body);
        cursor = page.cursor;
      }
    })();
    await Promise.all([...writes, reads]);
    const last = (await (
      await get(fx, `/v1/tickets/${t.id}/conversation?after=${cursor}`, headers)
    ).json()) as Page;
    for (const i of last.items) if (i.kind === 'message') seen.push(i.body);
    expect(seen.sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? `agent ${i}` : `customer ${i}`)).sort(),
    );
  });

  it('answers 404 for another ticket’s token, another desk’s key, or no proof at all', async () => {
    const fx = await makeDesk();
    const mine = await filed(fx);
    const other = await filed(fx);
    expect(
      (await get(fx, `/v1/tickets/${mine.id}/conversation`, { 'X-Ticket-Token': other.accessToken })).status,
    ).toBe(404);
    expect((await get(fx, `/v1/tickets/${mine.id}/conversation`)).status).toBe(404);
    const elsewhere = await makeDesk();
    expect(
      (await get(elsewhere, `/v1/tickets/${mine.id}/conversation`, { 'X-Ticket-Token': mine.accessToken }))
        .status,
    ).toBe(404);
  });

  it('lists a verified user’s requests on every device, and a device’s own tokens, with unread counts', async () => {
    const fx = await makeDesk({ identitySecret: SECRET });
    const token = await identityToken(SECRET, {
      sub: 'rina',
      org: fx.slug,
      email: 'rina@customer.example',
      name: 'Rina',
    });
    const a = await filed(fx, { identity: { token } });
    const b = await filed(fx, { identity: { token } });
    const anonymous = await filed(fx);
    await reply(fx.agentToken, a.id, 'Halo Rina');
    await reply(fx.agentToken, a.id, 'Ada kabar?');
    // A new device: only the identity token.
    const list = (await (await get(fx, '/v1/conversations', { 'X-Kinobi-Identity': token })).json()) as {
      conversations: { id: string; unread: number }[];
    };
    expect(list.conversations.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
    expect(list.conversations.find((c) => c.id === a.id)?.unread).toBe(2);
    const badge = (await (await get(fx, '/v1/widget/unread', { 'X-Kinobi-Identity': token })).json()) as {
      unread: number;
    };
    expect(badge.unread).toBe(2);
    // Reading the conversation marks those replies seen.
    await get(fx, `/v1/tickets/${a.id}/conversation`, { 'X-Kinobi-Identity': token });
    expect(
      (
        (await (await get(fx, '/v1/widget/unread', { 'X-Kinobi-Identity': token })).json()) as {
          unread: number;
        }
      ).unread,
    ).toBe(0);
    // A device with tokens only sees those; a forged token for another ticket adds nothing.
    const held = `${anonymous.id}:${anonymous.accessToken},${a.id}:forged`;
    const byDevice = (await (await get(fx, '/v1/conversations', { 'X-Ticket-Tokens': held })).json()) as {
      conversations: { id: string }[];
    };
    expect(byDevice.conversations.map((c) => c.id)).toEqual([anonymous.id]);
    expect((await get(fx, '/v1/conversations')).status).toBe(401);
  });

  it('takes a signed user’s reply from any device by their identity, and nobody else’s', async () => {
    const fx = await makeDesk({ identitySecret: SECRET });
    const as = (sub: string, org = fx.slug) =>
      identityToken(SECRET, { sub, org, email: `${sub}@customer.example`, name: sub });
    const rina = await as('rina');
    const ticket = await filed(fx, { identity: { token: rina } });
    await reply(fx.agentToken, ticket.id, 'Sudah dicoba lagi?');
    const post = (headers: Record<string, string>, body: string) =>
      exports.default.fetch(`http://api.test/v1/tickets/${ticket.id}/messages`, {
        method: 'POST',
        headers: {
          'X-Kinobi-Key': fx.widgetKey,
          'Content-Type': 'application/json',
          'CF-Connecting-IP': `10.9.${Math.floor(Math.random() * 250)}.1`,
          ...headers,
        },
        body: JSON.stringify({ body }),
      });
    // Another device: no ticket token, only Rina's identity token.
    const res = await post(
      { 'X-Kinobi-Identity': rina, 'Idempotency-Key': 'other-device-1' },
      'Sudah, masih gagal',
    );
    expect(res.status).toBe(201);
    expect(((await res.json()) as { authorType: string }).authorType).toBe('customer');
    // a retry with the same key writes nothing new
    const again = await post(
      { 'X-Kinobi-Identity': rina, 'Idempotency-Key': 'other-device-1' },
      'Sudah, masih gagal',
    );
    expect(again.status).toBe(200);
    const page = (await (
      await get(fx, `/v1/tickets/${ticket.id}/conversation`, { 'X-Kinobi-Identity': rina })
    ).json()) as Page;
    const mine = page.items.filter((i) => i.kind === 'message' && i.from === 'customer');
    expect(mine.map((i) => i.kind === 'message' && i.body)).toContain('Sudah, masih gagal');
    expect(mine.filter((i) => i.kind === 'message' && i.body === 'Sudah, masih gagal')).toHaveLength(1);
    // Another user, the same user name in another organisation, a forged token, no proof: the 404 of no ticket.
    const other = await makeDesk({ identitySecret: SECRET });
    const refused: Record<string, string>[] = [
      { 'X-Kinobi-Identity': await as('budi') },
      { 'X-Kinobi-Identity': await as('rina', other.slug) },
      { 'X-Kinobi-Identity': `${rina.slice(0, -4)}AAAA` },
      { 'X-Ticket-Token': 'not-the-token' },
      {},
    ];
    for (const headers of refused) expect((await post(headers, 'bukan saya')).status).toBe(404);
    // the device that sent it still replies by its token
    expect((await customerReply(fx, ticket.id, ticket.accessToken, 'dari perangkat pertama')).status).toBe(
      201,
    );
  });

  it('never lets a token without an organisation reach another organisation’s user of the same id', async () => {
    const fx = await makeDesk({ identitySecret: SECRET });
    const other = await addOrganisation(fx.deskId, `${fx.slug}b`);
    const otherKey = `wk_${other.slug}`;
    await getDb(env.DB)
      .insert(widgetKeys)
      .values({ key: otherKey, deskId: fx.deskId, organisationId: other.organisationId });
    // both organisations' apps sign tokens without `org`, and both have a user "42"
    const token = await identityToken(SECRET, { sub: '42', email: 'u42@customer.example', name: 'U 42' });
    const mine = await filed(fx, { identity: { token } }); // filed under the key's organisation
    const as = (widgetKey: string) => ({ widgetKey });
    const read = (key: string) =>
      get(as(key), `/v1/tickets/${mine.id}/conversation`, { 'X-Kinobi-Identity': token });
    const reply = (key: string) =>
      exports.default.fetch(`http://api.test/v1/tickets/${mine.id}/messages`, {
        method: 'POST',
        headers: {
          'X-Kinobi-Key': key,
          'X-Kinobi-Identity': token,
          'Content-Type': 'application/json',
          'CF-Connecting-IP': `10.11.${Math.floor(Math.random() * 250)}.1`,
        },
        body: JSON.stringify({ body: 'saya user 42' }),
      });
    const list = async (key: string) =>
      (
        (await (await get(as(key), '/v1/conversations', { 'X-Kinobi-Identity': token })).json()) as {
          conversations: { id: string }[];
        }
      ).conversations.map((c) => c.id);
    expect((await read(fx.widgetKey)).status).toBe(200);
    expect(await list(fx.widgetKey)).toEqual([mine.id]);
    // the other organisation's key, and the desk-wide key (no organisation): not this user's ticket
    for (const key of [otherKey, fx.deskKey]) {
      expect((await read(key)).status).toBe(404);
      expect((await reply(key)).status).toBe(404);
      expect(await list(key)).toEqual([]);
    }
    expect((await reply(fx.widgetKey)).status).toBe(201);
  });
});
