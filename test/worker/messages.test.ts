import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { makeDesk } from './fixtures';
import { bearer, makeTicket } from './ticket-fixtures';

type Detail = {
  status: string;
  firstResponseAt: string | null;
  sla: { state: string };
  events: { type: string; actor: string; data: Record<string, unknown> }[];
  messages: { body: string; public: boolean; authorType: string }[];
};

const post = (id: string, headers: Record<string, string>, body: unknown) =>
  exports.default.fetch(`http://x/v1/tickets/${id}/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const detail = async (token: string, id: string) =>
  (await (
    await exports.default.fetch(`http://x/v1/tickets/${id}`, { headers: bearer(token) })
  ).json()) as Detail;

describe('POST /v1/tickets/{id}/messages', () => {
  it('records the first public agent reply as the first response, met when before due', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk();
    const t = await makeTicket({ deskId, organisationId }, { severity: 4 });
    const res = await post(t.id, bearer(agentToken), { body: 'Looking into it.' });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      authorType: 'agent',
      author: 'Ayu',
      public: true,
      body: 'Looking into it.',
    });
    const d = await detail(agentToken, t.id);
    expect(d.firstResponseAt).not.toBeNull();
    expect(d.sla.state).toBe('met');
    expect(d.status).toBe('open');
    expect(d.events.filter((e) => e.type === 'first_response')).toMatchObject([
      { actor: 'agent:Ayu', data: { outcome: 'met' } },
    ]);
    // A second reply does not move the first response.
    await post(t.id, bearer(agentToken), { body: 'More.' });
    const d2 = await detail(agentToken, t.id);
    expect(d2.firstResponseAt).toBe(d.firstResponseAt);
    expect(d2.events.filter((e) => e.type === 'first_response')).toHaveLength(1);
  });

  it('records a late first response as breached', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk();
    const t = await makeTicket(
      { deskId, organisationId },
      { severity: 1, createdAt: Date.now() - 30 * 86_400_000 },
    );
    await post(t.id, bearer(agentToken), { body: 'Sorry for the wait.' });
    const d = await detail(agentToken, t.id);
    expect(d.sla.state).toBe('breached');
    expect(d.events.find((e) => e.type === 'first_response')?.data.outcome).toBe('breached');
  });

  it('does not count an internal note as a first response', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk();
    const t = await makeTicket({ deskId, organisationId });
    expect((await post(t.id, bearer(agentToken), { body: 'note to self', public: false })).status).toBe(201);
    const d = await detail(agentToken, t.id);
    expect(d.firstResponseAt).toBeNull();
    expect(d.messages).toMatchObject([{ public: false }]);
  });

  it('takes a customer reply with the widget key and ticket token, reopening a pending ticket', async () => {
    const { deskId, organisationId, widgetKey, agentToken } = await makeDesk();
    const t = await makeTicket({ deskId, organisationId }, { status: 'pending' });
    const res = await post(
      t.id,
      { 'X-Kinobi-Key': widgetKey, 'X-Ticket-Token': t.accessToken },
      { body: 'It works now?' },
    );
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ authorType: 'customer', author: 'Budi', channel: 'widget' });
    const d = await detail(agentToken, t.id);
    expect(d.status).toBe('open');
    expect(d.firstResponseAt).toBeNull();
    expect(d.events).toMatchObject([
      { type: 'status_changed', actor: 'customer', data: { from: 'pending', to: 'open' } },
      { type: 'message_added', actor: 'customer', data: { authorType: 'customer', public: true } },
    ]);
  });

  it('rejects a customer reply with a wrong token, another tenant’s key, or no credentials', async () => {
    const a = await makeDesk();
    const b = await makeDesk();
    const t = await makeTicket(a);
    const other = await makeTicket(a);
    expect(
      (await post(t.id, { 'X-Kinobi-Key': a.widgetKey, 'X-Ticket-Token': other.accessToken }, { body: 'x' }))
        .status,
    ).toBe(404);
    expect((await post(t.id, { 'X-Kinobi-Key': a.widgetKey }, { body: 'x' })).status).toBe(404);
    expect(
      (await post(t.id, { 'X-Kinobi-Key': b.widgetKey, 'X-Ticket-Token': t.accessToken }, { body: 'x' }))
        .status,
    ).toBe(404);
    expect((await post(t.id, {}, { body: 'x' })).status).toBe(401);
    expect((await post(t.id, bearer(b.agentToken), { body: 'x' })).status).toBe(404);
    expect(
      (
        await post(
          t.id,
          { 'X-Kinobi-Key': a.widgetKey, 'X-Ticket-Token': t.accessToken },
          { body: 'x', public: false },
        )
      ).status,
    ).toBe(400);
    expect((await post(t.id, bearer(a.agentToken), { body: '' })).status).toBe(400);
  });
});
