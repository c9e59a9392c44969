import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { compileCoverage, firstResponseDue, STANDARD_COVERAGE } from '../../shared/targets';
import { atRiskAt } from '../../shared/ticket-clock';
import { addAgent, makeDesk } from './fixtures';
import { bearer, makeTicket } from './ticket-fixtures';

const wib = (s: string) => Date.parse(`${s}+07:00`);
type Detail = {
  severity: number;
  status: string;
  assignee: string | null;
  firstResponseDueAt: string;
  atRiskAt: string;
  events: { type: string; actor: string; agentId: string | null; data: Record<string, unknown> }[];
};

async function patch(token: string, id: string, body: unknown) {
  const res = await exports.default.fetch(`http://x/v1/tickets/${id}`, {
    method: 'PATCH',
    headers: { ...bearer(token), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Detail & { error?: { code: string } } };
}

describe('PATCH /v1/tickets/{id}', () => {
  it('recomputes due time and at-risk instant from receipt when severity changes before a breach, with an audit event', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk();
    const createdAt = Date.now() - 60_000; // severity 3: a business day to go, not breached
    const t = await makeTicket({ deskId, organisationId }, { severity: 3, createdAt });
    const { status, body } = await patch(agentToken, t.id, { severity: 1, reason: 'whole checkout is down' });
    expect(status).toBe(200);
    expect(body.severity).toBe(1);
    const cov = compileCoverage(STANDARD_COVERAGE);
    const due = firstResponseDue(cov, 1, createdAt);
    expect(body.firstResponseDueAt).toBe(new Date(due.dueAt).toISOString());
    expect(body.atRiskAt).toBe(new Date(atRiskAt(cov, 1, due.clockStartsAt, 120)).toISOString());
    const ev = body.events.find((e) => e.type === 'severity_changed');
    expect(ev).toMatchObject({
      actor: 'agent:Ayu',
      data: { from: 3, to: 1, reason: 'whole checkout is down' },
    });
  });

  it('keeps the due time a breached ticket missed when its severity changes afterwards', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk();
    const createdAt = wib('2026-11-27T17:30:00'); // Friday; severity 1 was due Mon 30 Nov 10:30
    const t = await makeTicket({ deskId, organisationId }, { severity: 1, createdAt });
    const { body } = await patch(agentToken, t.id, { severity: 4, reason: 'only one user affected' });
    expect(body.severity).toBe(4);
    expect(body.firstResponseDueAt).toBe(new Date(wib('2026-11-30T10:30:00')).toISOString());
    expect(body.events.map((e) => e.type)).not.toContain('due_changed');
  });

  it('requires a reason for a severity change', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk();
    const t = await makeTicket({ deskId, organisationId }, { severity: 3 });
    const res = await patch(agentToken, t.id, { severity: 2 });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('reason_required');
  });

  it('changes status and assignee (an agent of the desk), one audit event each naming the agent', async () => {
    const { deskId, organisationId, agentToken, agentId } = await makeDesk();
    const sari = await addAgent(deskId, 'Sari');
    const t = await makeTicket({ deskId, organisationId });
    const { status, body } = await patch(agentToken, t.id, { status: 'pending', assignee: sari.agentId });
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'pending', assignee: sari.agentId, assigneeName: 'Sari' });
    expect(body.events.map((e) => [e.type, e.actor, e.agentId, e.data])).toEqual([
      ['status_changed', 'agent:Ayu', agentId, { from: 'new', to: 'pending' }],
      ['assignee_changed', 'agent:Ayu', agentId, { from: null, to: sari.agentId }],
    ]);
    // `me` is the caller; an agent of another desk cannot be assigned.
    const mine = await patch(agentToken, t.id, { assignee: 'me' });
    expect(mine.body).toMatchObject({ assignee: agentId, assigneeName: 'Ayu' });
    const other = await makeDesk();
    const foreign = await patch(agentToken, t.id, { assignee: other.agentId });
    expect(foreign.status).toBe(400);
    await patch(agentToken, t.id, { assignee: sari.agentId });
    const again = await patch(agentToken, t.id, { status: 'pending' });
    expect(again.body.events).toHaveLength(4);
  });

  it('rejects empty or unknown changes and hides other organisations’ tickets', async () => {
    const mine = await makeDesk();
    const theirs = await makeDesk();
    const t = await makeTicket(theirs);
    expect((await patch(mine.agentToken, t.id, { status: 'open' })).status).toBe(404);
    const own = await makeTicket(mine);
    expect((await patch(mine.agentToken, own.id, {})).status).toBe(400);
    expect((await patch(mine.agentToken, own.id, { status: 'done' })).status).toBe(400);
    expect((await patch(mine.agentToken, own.id, { firstResponseAt: 1 })).status).toBe(400);
  });
});
