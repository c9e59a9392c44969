import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../worker/db/client';
import { escalations, webhookDeliveries } from '../../worker/db/schema';
import { makeDesk } from './fixtures';
import { countRows, errorCode } from './intake-helpers';
import { bearer, makeTicket } from './ticket-fixtures';

const escalate = (token: string, id: string, body: unknown, headers: Record<string, string> = {}) =>
  exports.default.fetch(`http://x/v1/tickets/${id}/escalations`, {
    method: 'POST',
    headers: { ...bearer(token), 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const key = (k: string) => ({ 'Idempotency-Key': k });
const rowsOf = async (ticketId: string) => ({
  escalations: await countRows('escalations', `ticket_id = '${ticketId}'`),
  events: await countRows('ticket_events', `ticket_id = '${ticketId}' and type = 'escalated'`),
  webhooks: await countRows('webhook_deliveries', `ticket_id = '${ticketId}'`),
});

describe('POST /v1/tickets/{id}/escalations', () => {
  it('stores the escalation, audits it and queues a webhook when the tenant has one', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk({
      webhookUrl: 'https://hooks.example/kinobi',
    });
    const t = await makeTicket({ deskId, organisationId });
    const res = await escalate(agentToken, t.id, { team: 'engineering', note: 'Reproduced on staging.' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string };
    expect(body).toMatchObject({
      team: 'engineering',
      note: 'Reproduced on staging.',
      actor: 'agent:Ayu',
      ticketId: t.id,
    });
    const db = getDb(env.DB);
    expect(await db.select().from(escalations).where(eq(escalations.ticketId, t.id))).toHaveLength(1);
    const hooks = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.ticketId, t.id));
    expect(hooks).toMatchObject([{ event: 'ticket.escalated', status: 'pending' }]);
    const detail = (await (
      await exports.default.fetch(`http://x/v1/tickets/${t.id}`, { headers: bearer(agentToken) })
    ).json()) as { events: { type: string; data: unknown }[] };
    expect(detail.events).toMatchObject([
      { type: 'escalated', data: { team: 'engineering', escalationId: body.id } },
    ]);
  });

  it('queues no webhook without a webhook URL, rejects unknown teams and other organisations’ tickets', async () => {
    const a = await makeDesk();
    const b = await makeDesk();
    const t = await makeTicket(a);
    expect((await escalate(a.agentToken, t.id, { team: 'security', note: 'Leaked key' })).status).toBe(201);
    expect(
      await getDb(env.DB).select().from(webhookDeliveries).where(eq(webhookDeliveries.ticketId, t.id)),
    ).toHaveLength(0);
    expect((await escalate(a.agentToken, t.id, { team: 'sales', note: 'x' })).status).toBe(400);
    expect((await escalate(a.agentToken, t.id, { team: 'product' })).status).toBe(400);
    expect((await escalate(b.agentToken, t.id, { team: 'product', note: 'x' })).status).toBe(404);
  });
});

describe('POST /v1/tickets/{id}/escalations with an Idempotency-Key', () => {
  it('answers a retry with the same escalation, 200, and no second row, event or webhook', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk({
      webhookUrl: 'https://hooks.example/kinobi',
    });
    const t = await makeTicket({ deskId, organisationId });
    const body = { team: 'infrastructure', note: 'Database failover.' };
    const first = await escalate(agentToken, t.id, body, key('esc-1'));
    expect(first.status).toBe(201);
    const retry = await escalate(agentToken, t.id, { note: body.note, team: body.team }, key('esc-1'));
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual(await first.json());
    expect(await rowsOf(t.id)).toEqual({ escalations: 1, events: 1, webhooks: 1 });
  });

  it('refuses the same key with another body with 409 and writes nothing', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk({
      webhookUrl: 'https://hooks.example/kinobi',
    });
    const t = await makeTicket({ deskId, organisationId });
    expect((await escalate(agentToken, t.id, { team: 'product', note: 'UX bug' }, key('k'))).status).toBe(
      201,
    );
    const other = await escalate(agentToken, t.id, { team: 'engineering', note: 'UX bug' }, key('k'));
    expect(other.status).toBe(409);
    expect(await errorCode(other)).toBe('idempotency_conflict');
    expect(await rowsOf(t.id)).toEqual({ escalations: 1, events: 1, webhooks: 1 });
  });

  it('writes one escalation, event and webhook when concurrent first requests share a key', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk({
      webhookUrl: 'https://hooks.example/kinobi',
    });
    const t = await makeTicket({ deskId, organisationId });
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        escalate(agentToken, t.id, { team: 'security', note: 'Leaked key' }, key('race')),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    const ids = new Set(
      await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id)),
    );
    expect(ids.size).toBe(1);
    expect(await rowsOf(t.id)).toEqual({ escalations: 1, events: 1, webhooks: 1 });
  });

  it('refuses a body over 64 KB (413), another content type (415) and a key over 128 characters (400)', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk();
    const t = await makeTicket({ deskId, organisationId });
    const big = await escalate(
      agentToken,
      t.id,
      JSON.stringify({ team: 'product', note: 'n'.repeat(65 * 1024) }),
    );
    expect(big.status).toBe(413);
    expect(await errorCode(big)).toBe('body_too_large');
    const text = await escalate(agentToken, t.id, '{"team":"product","note":"x"}', {
      'Content-Type': 'text/plain',
    });
    expect(text.status).toBe(415);
    expect(await errorCode(text)).toBe('unsupported_media_type');
    const long = await escalate(agentToken, t.id, { team: 'product', note: 'x' }, key('k'.repeat(129)));
    expect(long.status).toBe(400);
    expect((await rowsOf(t.id)).escalations).toBe(0);
  });
});

describe('OpenAPI document: Idempotency-Key on replies and escalations', () => {
  it('documents the optional header (max 128), the 200 replay and the 409 on both routes', async () => {
    type Op = {
      parameters?: { name: string; in: string; required?: boolean; schema?: { maxLength?: number } }[];
      responses: Record<string, unknown>;
    };
    const doc = (await (await exports.default.fetch('http://x/v1/openapi.json')).json()) as {
      paths: Record<string, { post?: Op }>;
    };
    for (const path of ['/v1/tickets/{id}/messages', '/v1/tickets/{id}/escalations']) {
      const op = doc.paths[path]?.post;
      const header = op?.parameters?.find((p) => p.name === 'idempotency-key');
      expect(header, path).toMatchObject({ in: 'header', schema: { maxLength: 128 } });
      expect(header?.required ?? false).toBe(false);
      expect(Object.keys(op?.responses ?? {})).toEqual(
        expect.arrayContaining(['200', '201', '409', '413', '415']),
      );
    }
  });
});
