import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { makeDesk } from './fixtures';
import { bearer, makeTicket } from './ticket-fixtures';

const wib = (s: string) => Date.parse(`${s}+07:00`);
type Report = {
  basis: string;
  severities: {
    severity: number;
    tickets: number;
    firstResponses: { met: number; breached: number };
    pending: number;
    pendingBreached: number;
    businessMinutesToFirstResponse: { median: number | null; p90: number | null };
  }[];
};

const report = async (token: string, from: string, to: string) => {
  const res = await exports.default.fetch(`http://x/v1/reports/sla?from=${from}&to=${to}`, {
    headers: bearer(token),
  });
  return { status: res.status, body: (await res.json()) as Report };
};

describe('GET /v1/reports/sla', () => {
  it('counts per severity tickets created in [from, to), met/breached/pending, median and p90 business minutes', async () => {
    const { deskId, organisationId, agentToken } = await makeDesk();
    const other = await makeDesk();
    const mon = wib('2026-11-16T09:00:00');
    // Severity 1 (120 min): answered after 30, 60, 90 business minutes (met) and one after 150 (breached).
    for (const m of [30, 60, 90, 150])
      await makeTicket(
        { deskId, organisationId },
        { severity: 1, createdAt: mon, firstResponseAt: mon + m * 60_000 },
      );
    // Friday 17:30 ticket answered Monday 09:30: 30 + 30 = 60 business minutes, not 16 hours.
    await makeTicket(
      { deskId, organisationId },
      {
        severity: 1,
        createdAt: wib('2026-11-13T17:30:00'),
        firstResponseAt: wib('2026-11-16T09:30:00'),
      },
    );
    await makeTicket({ deskId, organisationId }, { severity: 2, createdAt: mon }); // unanswered, long past due
    await makeTicket({ deskId, organisationId }, { severity: 3, createdAt: wib('2026-11-20T09:00:00') }); // outside the range
    await makeTicket(other, { severity: 1, createdAt: mon, firstResponseAt: mon + 60_000 });
    const { status, body } = await report(agentToken, '2026-11-01T00:00:00Z', '2026-11-20T00:00:00Z');
    expect(status).toBe(200);
    expect(body.basis).toBe('created_at');
    const [s1, s2, s3] = body.severities;
    expect(s1).toMatchObject({
      tickets: 5,
      firstResponses: { met: 4, breached: 1 },
      pending: 0,
      businessMinutesToFirstResponse: { median: 60, p90: 150 },
    });
    expect(s2).toMatchObject({
      tickets: 1,
      firstResponses: { met: 0, breached: 0 },
      pending: 1,
      pendingBreached: 1,
      businessMinutesToFirstResponse: { median: null },
    });
    expect(s3).toMatchObject({ tickets: 0 });
  });

  it('rejects a missing, reversed or malformed range', async () => {
    const { agentToken } = await makeDesk();
    expect((await report(agentToken, '2026-12-01T00:00:00Z', '2026-11-01T00:00:00Z')).status).toBe(400);
    expect((await report(agentToken, 'yesterday', '2026-11-01T00:00:00Z')).status).toBe(400);
    const res = await exports.default.fetch('http://x/v1/reports/sla', { headers: bearer(agentToken) });
    expect(res.status).toBe(400);
  });
});
