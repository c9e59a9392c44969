import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import worker from '../../worker/index';
import { makeDesk } from './fixtures';
import { agentApi } from './ticket-api';

const DAY = 86_400_000;

type Review = {
  basis: string;
  severities: {
    severity: number;
    tickets: number;
    firstResponses: { met: number; breached: number; pending: number };
    closedWithoutReply: number;
    businessMinutesToFirstResponse: { median: number | null };
    escalations: Record<string, number>;
  }[];
  closedWithoutReply: { tickets: number; numbers: number[] };
  breaches: {
    number: number;
    subject: string;
    clock: string;
    severity: number;
    targetBusinessMinutes: number;
    lateBusinessMinutes: number | null;
    stillRunning: boolean;
  }[];
};

async function runCronAt(scheduledTime: number) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime, cron: '* * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const range = () =>
  `from=${new Date(Date.now() - 8 * DAY).toISOString()}&to=${new Date(Date.now() + DAY).toISOString()}`;

beforeEach(() => {
  vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response('down', { status: 503 }));
});
afterEach(() => vi.restoreAllMocks());

describe('GET /v1/reports/service-review', () => {
  it('keeps a breached severity 1 in the breach list after a downgrade; closed-without-reply is its own line', async () => {
    const fx = await makeDesk();
    const a = agentApi(fx.agentToken);
    const late = await a.logTicket(fx.slug, { subject: 'Checkout mati total' });
    await runCronAt(Date.now());
    expect((await a.patch(late.id, { severity: 4, reason: 'turned out to be one user' })).status).toBe(200);
    await a.reply(late.id);
    // Logged just now (severity 3, due tomorrow), closed before anyone answered: not a breach.
    const quiet = await a.logTicket(fx.slug, {
      impact: { affected: 'non_critical_or_intermittent', workaround: 'reasonable' },
      receivedAt: new Date().toISOString(),
    });
    await a.patch(quiet.id, { status: 'closed' });
    const res = await a.get(`/v1/reports/service-review?organisation=${fx.slug}&${range()}`);
    expect(res.status).toBe(200);
    const r = (await res.json()) as Review;
    expect(r.basis).toBe('received_at');
    const [s1, , s3, s4] = r.severities;
    expect(s1).toMatchObject({ severity: 1, tickets: 0, firstResponses: { breached: 1 } });
    expect(s4).toMatchObject({ severity: 4, tickets: 1, firstResponses: { met: 0, breached: 0 } });
    expect(s3).toMatchObject({ tickets: 1, closedWithoutReply: 1, firstResponses: { breached: 0 } });
    expect(r.closedWithoutReply).toEqual({ tickets: 1, numbers: [quiet.number] });
    expect(r.breaches).toHaveLength(1);
    expect(r.breaches[0]).toMatchObject({
      number: late.number,
      subject: 'Checkout mati total',
      clock: 'first_response',
      severity: 1,
      targetBusinessMinutes: 120,
      stillRunning: false,
    });
    expect(r.breaches[0]?.lateBusinessMinutes).toBeGreaterThan(0);
  });

  it('counts a first response past its due before the cron has recorded it, and once after', async () => {
    const fx = await makeDesk();
    const a = agentApi(fx.agentToken);
    const late = await a.logTicket(fx.slug, { subject: 'Login gagal untuk semua' });
    const review = async () => {
      const res = await a.get(`/v1/reports/service-review?organisation=${fx.slug}&${range()}`);
      expect(res.status).toBe(200);
      return (await res.json()) as Review;
    };
    // no cron run yet: the replayed clock says breached, and so does the review
    const before = await review();
    expect(before.severities[0]).toMatchObject({
      tickets: 1,
      firstResponses: { met: 0, breached: 1, pending: 0 },
    });
    expect(before.breaches).toMatchObject([{ number: late.number, severity: 1, stillRunning: true }]);
    await runCronAt(Date.now());
    const after = await review();
    expect(after.severities[0]?.firstResponses.breached).toBe(1);
    expect(after.breaches).toHaveLength(1);
  });

  it('counts escalations by team and answers CSV as a download', async () => {
    const fx = await makeDesk();
    const a = agentApi(fx.agentToken);
    const t = await a.logTicket(fx.slug, { subject: '=HYPERLINK("x")' });
    await runCronAt(Date.now());
    await exportsFetch(`/v1/tickets/${t.id}/escalations`, fx.agentToken, {
      team: 'engineering',
      note: 'db down',
    });
    const json = (await (await a.get(`/v1/reports/service-review?${range()}`)).json()) as Review;
    expect(json.severities[0]?.escalations).toEqual({ engineering: 1 });
    const res = await a.get(`/v1/reports/service-review?${range()}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/csv/);
    expect(res.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="service-review-desk-.+\.csv"$/,
    );
    const csv = await res.text();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      'section,severity,metric,value,ticket_number,subject,clock,cycle,target_business_minutes,due_at,breached_at,late_business_minutes',
    );
    expect(lines).toContain('summary,1,first_responses_breached,1');
    const breach = lines.find((l) => l.startsWith('breach,'));
    // The subject is defused against spreadsheet formulas and quoted.
    expect(breach).toContain(`breach,1,,,${t.number},"'=HYPERLINK(""x"")",first_response,1,120,`);
  });

  it('refuses a reversed range and an unknown organisation', async () => {
    const fx = await makeDesk();
    const a = agentApi(fx.agentToken);
    const bad = await a.get('/v1/reports/service-review?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z');
    expect(bad.status).toBe(400);
    const none = await a.get(`/v1/reports/service-review?organisation=nope&${range()}`);
    expect(none.status).toBe(404);
  });
});

async function exportsFetch(path: string, token: string, body: unknown) {
  const { exports } = await import('cloudflare:workers');
  const res = await exports.default.fetch(`http://api.test${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
}
