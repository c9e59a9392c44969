import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { TicketCreated } from '../../shared/schema';
import { makeDesk } from './fixtures';
import { postTicket, ticketBody } from './intake-helpers';
import { agentApi } from './ticket-api';

describe('PATCH /v1/tickets/{id} flags: agents set and clear exclusion flags', () => {
  it('adds and removes flags with a reason, audited, and inScope follows', async () => {
    const fx = await makeDesk();
    const a = agentApi(fx.agentToken);
    const t = await a.logTicket(fx.slug, { receivedAt: new Date().toISOString() });
    const out = await a.patch(t.id, {
      flags: { add: ['customer_configuration', 'force_majeure'] },
      reason: 'their proxy strips the auth header; regional power outage',
    });
    expect(out.status).toBe(200);
    expect(out.body.flags).toEqual(expect.arrayContaining(['customer_configuration', 'force_majeure']));
    expect(out.body.inScope).toBe(false);
    const event = out.body.events.find((e) => e.type === 'flags_changed');
    expect(event).toMatchObject({
      actor: 'agent:Ayu',
      data: {
        added: ['customer_configuration', 'force_majeure'],
        removed: [],
        reason: 'their proxy strips the auth header; regional power outage',
        inScope: { from: true, to: false },
      },
    });
    const partly = await a.patch(t.id, { flags: { remove: ['force_majeure'] }, reason: 'power is back' });
    expect(partly.body.inScope).toBe(false);
    const back = await a.patch(t.id, {
      flags: { remove: ['customer_configuration'] },
      reason: 'our bug after all',
    });
    expect(back.body.flags).not.toContain('customer_configuration');
    expect(back.body.inScope).toBe(true);
    expect(back.body.events.filter((e) => e.type === 'flags_changed')).toHaveLength(3);
  });

  it('needs a reason, takes only exclusion flags, and writes nothing when nothing changes', async () => {
    const fx = await makeDesk();
    const a = agentApi(fx.agentToken);
    const t = await a.logTicket(fx.slug, { receivedAt: new Date().toISOString() });
    expect((await a.patch(t.id, { flags: { add: ['training'] } })).status).toBe(400);
    expect((await a.patch(t.id, { flags: { add: ['security_incident'] }, reason: 'x' })).status).toBe(400);
    expect(
      (await a.patch(t.id, { flags: { add: ['training'], remove: ['training'] }, reason: 'x' })).status,
    ).toBe(400);
    const none = await a.patch(t.id, { flags: { remove: ['third_party'] }, reason: 'was never set' });
    expect(none.status).toBe(200);
    expect(none.body.events.map((e) => e.type)).not.toContain('flags_changed');
  });
});

describe('the customer is told when a flag change moves the request out of scope, or back', () => {
  const conversation = async (fx: { widgetKey: string }, id: string, token: string) => {
    const res = await exports.default.fetch(`http://api.test/v1/tickets/${id}/conversation`, {
      headers: { 'X-Kinobi-Key': fx.widgetKey, 'X-Ticket-Token': token, 'CF-Connecting-IP': '10.9.9.9' },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      items: { kind: string; from?: string; name?: string; body?: string }[];
    };
    return body.items.filter((i) => i.kind === 'message');
  };

  it('adds a notice from the desk in the ticket’s language, once per change of scope, never the agent’s reason', async () => {
    const fx = await makeDesk();
    const a = agentApi(fx.agentToken);
    const t = (await (await postTicket(fx, ticketBody())).json()) as TicketCreated;
    const key = crypto.randomUUID();
    const out = await a.patch(
      t.id,
      { flags: { add: ['third_party'] }, reason: 'their SSO vendor is down' },
      { 'Idempotency-Key': key },
    );
    expect(out.status).toBe(200);
    // A retry of the same patch writes nothing, so no second notice.
    await a.patch(
      t.id,
      { flags: { add: ['third_party'] }, reason: 'their SSO vendor is down' },
      { 'Idempotency-Key': key },
    );
    // Another exclusion flag does not change the scope: no notice.
    await a.patch(t.id, { flags: { add: ['force_majeure'] }, reason: 'and a flood' });
    let notices = await conversation(fx, t.id, t.accessToken as string);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ from: 'agent', name: `Desk ${fx.slug}` });
    expect(notices[0]?.body).toContain('di luar cakupan dukungan standar');
    expect(notices[0]?.body).toContain('hubungi vendornya');
    expect(JSON.stringify(notices)).not.toContain('SSO vendor');
    await a.patch(t.id, { flags: { remove: ['third_party', 'force_majeure'] }, reason: 'our bug after all' });
    notices = await conversation(fx, t.id, t.accessToken as string);
    expect(notices.map((n) => n.body)).toEqual([
      expect.stringContaining('di luar cakupan'),
      expect.stringContaining('kembali berada dalam cakupan'),
    ]);
    // A notice is not an answer: the first-response clock keeps running.
    expect((await a.detail(t.id)).sla.clocks.find((c) => c.kind === 'first_response')?.state).toBe('running');
  });
});
