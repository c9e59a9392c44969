import { describe, expect, it } from 'vitest';
import type { TicketCreated } from '../../shared/schema';
import { makeDesk, standardCoverageJson } from './fixtures';
import { postTicket, ticketBody } from './intake-helpers';
import { agentApi, clockOf, customerReply } from './ticket-api';

const withTargets = {
  ...standardCoverageJson,
  nextResponse: { '1': 60, '2': 120, '3': 480, '4': 960 },
  resolution: { '1': 960 },
};

describe('GET /v1/tickets/{id}: sla.policy and sla.clocks from the stored history', () => {
  it('shows the recorded policy and a breached first response with the severity and target then', async () => {
    const fx = await makeDesk();
    const a = agentApi(fx.agentToken);
    const t = await a.logTicket(fx.slug);
    const d = await a.detail(t.id);
    expect(d.sla.policy).toMatchObject({ guideVersion: '2026-01-02', recorded: true });
    expect(clockOf(d, 'first_response')).toMatchObject({
      state: 'breached',
      breach: { severity: 1, businessMinutes: 120 },
      dueAt: t.firstResponseDueAt,
      breachedAt: t.firstResponseDueAt,
    });
    // Resolution is always measured; without an order-form target it cannot breach.
    expect(clockOf(d, 'resolution')).toMatchObject({ state: 'running', businessMinutes: null, dueAt: null });
    expect(clockOf(d, 'next_response')).toBeUndefined();
    // The summary fields stay as they were.
    expect(d).toMatchObject({ severity: 1, firstResponseDueAt: t.firstResponseDueAt });
  });

  it('pauses next-response and resolution on pending after an answer, and resumes them on the customer’s reply', async () => {
    const fx = await makeDesk({ coverage: withTargets });
    const a = agentApi(fx.agentToken);
    const t = (await (await postTicket(fx, ticketBody())).json()) as TicketCreated;
    // An agent cannot park an unanswered ticket: pending before any answer pauses nothing.
    await a.patch(t.id, { status: 'pending' });
    let d = await a.detail(t.id);
    expect(clockOf(d, 'first_response')?.state).toBe('running');
    expect(clockOf(d, 'resolution')?.state).toBe('running');
    await a.patch(t.id, { status: 'open' });
    await a.reply(t.id);
    await a.patch(t.id, { status: 'pending' });
    d = await a.detail(t.id);
    expect(clockOf(d, 'first_response')).toMatchObject({ state: 'met', businessMinutes: 120 });
    expect(clockOf(d, 'resolution')).toMatchObject({ state: 'paused', dueAt: null, businessMinutes: 960 });
    await customerReply(fx.widgetKey, t.id, t.accessToken as string);
    d = await a.detail(t.id);
    expect(d.status).toBe('open');
    expect(clockOf(d, 'resolution')?.state).toBe('running');
    expect(clockOf(d, 'next_response', 1)).toMatchObject({ state: 'running', businessMinutes: 60 });
    expect(clockOf(d, 'next_response', 1)?.dueAt).not.toBeNull();
    await a.reply(t.id, 'Sudah kami perbaiki.');
    await a.patch(t.id, { status: 'resolved' });
    d = await a.detail(t.id);
    expect(clockOf(d, 'next_response', 1)?.state).toBe('met');
    expect(clockOf(d, 'resolution')).toMatchObject({ state: 'met' });
  });

  it('an internal note answers nobody: the first-response clock keeps running', async () => {
    const fx = await makeDesk();
    const a = agentApi(fx.agentToken);
    const t = (await (await postTicket(fx, ticketBody())).json()) as TicketCreated;
    await a.reply(t.id, 'catatan internal', false);
    expect(clockOf(await a.detail(t.id), 'first_response')?.state).toBe('running');
  });
});
