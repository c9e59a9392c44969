import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../../worker/index';
import { captureMail } from './email-helpers';
import { addAgent, makeDesk } from './fixtures';
import { countRows, errorCode } from './intake-helpers';
import { drainQueues } from './queue-helpers';
import { bearer, makeTicket } from './ticket-fixtures';

afterEach(() => vi.restoreAllMocks());

type MessageBody = { id: string; body: string; authorType: string; createdAt: string };

const post = (id: string, headers: Record<string, string>, body: unknown, key?: string) =>
  exports.default.fetch(`http://x/v1/tickets/${id}/messages`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'CF-Connecting-IP': '10.1.1.1',
      ...(key === undefined ? {} : { 'Idempotency-Key': key }),
      ...headers,
    },
    body: JSON.stringify(body),
  });

const messagesOf = (ticketId: string) => countRows('messages', `ticket_id = '${ticketId}'`);
const eventsOf = (ticketId: string, type: string) =>
  countRows('ticket_events', `ticket_id = '${ticketId}' and type = '${type}'`);

describe('POST /v1/tickets/{id}/messages with an Idempotency-Key', () => {
  it('answers an agent’s retry with the same message, 200, and no second row or first_response event', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk();
    const t = await makeTicket({ deskId, organisationId });
    const first = await post(t.id, bearer(agentToken), { body: 'Looking into it.' }, 'reply-1');
    expect(first.status).toBe(201);
    const created = (await first.json()) as MessageBody;
    // Same request, keys in another order and the default spelled out: still the same request.
    const retry = await post(t.id, bearer(agentToken), { public: true, body: 'Looking into it.' }, 'reply-1');
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual(created);
    expect(await messagesOf(t.id)).toBe(1);
    expect(await eventsOf(t.id, 'first_response')).toBe(1);
  });

  it('answers a customer’s retry with the same message and reopens a pending ticket only once', async () => {
    const { deskId, organisationId, widgetKey } = await makeDesk();
    const t = await makeTicket({ deskId, organisationId }, { status: 'pending' });
    const creds = { 'X-Kinobi-Key': widgetKey, 'X-Ticket-Token': t.accessToken };
    const first = await post(t.id, creds, { body: 'Still broken.' }, 'c-1');
    expect(first.status).toBe(201);
    const retry = await post(t.id, creds, { body: 'Still broken.' }, 'c-1');
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as MessageBody).id).toBe(((await first.json()) as MessageBody).id);
    expect(await messagesOf(t.id)).toBe(1);
    expect(await eventsOf(t.id, 'status_changed')).toBe(1);
  });

  it('refuses the same key with another body, or from another agent, with 409 and writes nothing', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk();
    const t = await makeTicket({ deskId, organisationId });
    expect((await post(t.id, bearer(agentToken), { body: 'First answer.' }, 'k')).status).toBe(201);
    const other = await post(t.id, bearer(agentToken), { body: 'Another answer.' }, 'k');
    expect(other.status).toBe(409);
    expect(await errorCode(other)).toBe('idempotency_conflict');
    const note = await post(t.id, bearer(agentToken), { body: 'First answer.', public: false }, 'k');
    expect(note.status).toBe(409);

    const { agentToken: token } = await addAgent(deskId, 'Rina');
    const colleague = await post(t.id, bearer(token), { body: 'First answer.' }, 'k');
    expect(colleague.status).toBe(409);
    expect(await messagesOf(t.id)).toBe(1);
  });

  it('scopes a key to its ticket: the same key on another ticket is a new reply', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk();
    const a = await makeTicket({ deskId, organisationId });
    const b = await makeTicket({ deskId, organisationId });
    expect((await post(a.id, bearer(agentToken), { body: 'Hi.' }, 'same')).status).toBe(201);
    expect((await post(b.id, bearer(agentToken), { body: 'Hi.' }, 'same')).status).toBe(201);
    expect(await messagesOf(b.id)).toBe(1);
  });

  it('writes one row and one first_response event when concurrent first requests share a key', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk();
    const t = await makeTicket({ deskId, organisationId });
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => post(t.id, bearer(agentToken), { body: 'On it.' }, 'race')),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 201]);
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as MessageBody).id)));
    expect(ids.size).toBe(1);
    expect(await messagesOf(t.id)).toBe(1);
    expect(await eventsOf(t.id, 'first_response')).toBe(1);
  });

  it('keeps replies without a key independent: two identical posts are two messages', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk();
    const t = await makeTicket({ deskId, organisationId });
    expect((await post(t.id, bearer(agentToken), { body: 'Ping.' })).status).toBe(201);
    expect((await post(t.id, bearer(agentToken), { body: 'Ping.' })).status).toBe(201);
    expect(await messagesOf(t.id)).toBe(2);
  });

  it('accepts keys of 1 to 128 characters and refuses longer ones with 400', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk();
    const t = await makeTicket({ deskId, organisationId });
    expect((await post(t.id, bearer(agentToken), { body: 'x' }, 'k'.repeat(128))).status).toBe(201);
    const long = await post(t.id, bearer(agentToken), { body: 'y' }, 'k'.repeat(129));
    expect(long.status).toBe(400);
    expect(((await long.json()) as { error: { code: string } }).error.code).toBe('invalid_idempotency_key');
    expect(await messagesOf(t.id)).toBe(1);
  });

  it('mails the customer once: a replayed agent reply sends no second email', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk();
    // An email ticket: its replies are mailed at once (a widget ticket's wait for the cron).
    const t = await makeTicket({ deskId, organisationId }, { channel: 'email' });
    const mail = captureMail();
    // Through the Worker entry with an execution context, so the waitUntil mail is awaited.
    const send = async () => {
      const ctx = createExecutionContext();
      const res = await worker.fetch(
        new Request(`http://x/v1/tickets/${t.id}/messages`, {
          method: 'POST',
          headers: { ...bearer(agentToken), 'Content-Type': 'application/json', 'Idempotency-Key': 'mail-1' },
          body: JSON.stringify({ body: 'Fixed in 3.2.2.' }),
        }),
        env,
        ctx,
      );
      await waitOnExecutionContext(ctx);
      await drainQueues();
      return res.status;
    };
    expect(await send()).toBe(201);
    expect(await send()).toBe(200);
    await mail.settled();
    expect(mail.spy).toHaveBeenCalledTimes(1);
    expect(mail.sent.map((m) => m.to)).toEqual(['budi@example.com']);
    expect(await eventsOf(t.id, 'email_sent')).toBe(1);
  });
});
