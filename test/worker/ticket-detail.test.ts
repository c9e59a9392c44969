import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../worker/db/client';
import { messages, ticketEvents } from '../../worker/db/schema';
import { makeDesk } from './fixtures';
import { bearer, makeTicket } from './ticket-fixtures';

describe('GET /v1/tickets/{id}', () => {
  it('returns the ticket with its events and messages, times as ISO strings', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk();
    const t = await makeTicket({ deskId, organisationId }, { description: '<script>alert(1)</script>' });
    const db = getDb(env.DB);
    await db.insert(ticketEvents).values({
      id: 'e1',
      ticketId: t.id,
      deskId,
      type: 'created',
      actor: 'system',
      data: { a: 1 },
      createdAt: t.createdAt,
    });
    await db.insert(messages).values({
      id: 'm1',
      ticketId: t.id,
      deskId,
      authorType: 'customer',
      author: 'Budi',
      body: 'hello',
      channel: 'widget',
      createdAt: t.createdAt + 1,
    });
    const res = await exports.default.fetch(`http://x/v1/tickets/${t.id}`, { headers: bearer(agentToken) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as Record<string, unknown> & { events: unknown[]; messages: unknown[] };
    expect(body).toMatchObject({
      id: t.id,
      description: '<script>alert(1)</script>',
      firstResponseDueAt: new Date(t.firstResponseDueAt).toISOString(),
      firstResponseAt: null,
      contact: { name: 'Budi', email: 'budi@example.com' },
    });
    expect(body.events).toEqual([
      {
        id: 'e1',
        type: 'created',
        agentId: null,
        actor: 'system',
        data: { a: 1 },
        createdAt: new Date(t.createdAt).toISOString(),
      },
    ]);
    expect(body.messages).toMatchObject([{ id: 'm1', authorType: 'customer', body: 'hello', public: true }]);
    expect(body).not.toHaveProperty('accessTokenHash');
  });

  it('answers 404 for another tenant’s ticket and for an unknown id', async () => {
    const mine = await makeDesk();
    const theirs = await makeDesk();
    const t = await makeTicket(theirs);
    for (const id of [t.id, 'nope']) {
      const res = await exports.default.fetch(`http://x/v1/tickets/${id}`, {
        headers: bearer(mine.agentToken),
      });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
  });
});
