import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../worker/db/client';
import { escalations, webhookDeliveries } from '../../worker/db/schema';
import { makeTenant } from './fixtures';
import { bearer, makeTicket } from './ticket-fixtures';

const escalate = (token: string, id: string, body: unknown) =>
  exports.default.fetch(`http://x/v1/tickets/${id}/escalations`, {
    method: 'POST',
    headers: { ...bearer(token), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('POST /v1/tickets/{id}/escalations', () => {
  it('stores the escalation, audits it and queues a webhook when the tenant has one', async () => {
    const { tenantId, agentToken } = await makeTenant({ webhookUrl: 'https://hooks.example/kinobi' });
    const t = await makeTicket(tenantId);
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

  it('queues no webhook without a webhook URL, rejects unknown teams and other tenants’ tickets', async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const t = await makeTicket(a.tenantId);
    expect((await escalate(a.agentToken, t.id, { team: 'security', note: 'Leaked key' })).status).toBe(201);
    expect(
      await getDb(env.DB).select().from(webhookDeliveries).where(eq(webhookDeliveries.ticketId, t.id)),
    ).toHaveLength(0);
    expect((await escalate(a.agentToken, t.id, { team: 'sales', note: 'x' })).status).toBe(400);
    expect((await escalate(a.agentToken, t.id, { team: 'product' })).status).toBe(400);
    expect((await escalate(b.agentToken, t.id, { team: 'product', note: 'x' })).status).toBe(404);
  });
});
