import { describe, expect, it } from 'vitest';
import { makeDesk } from './fixtures';
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
