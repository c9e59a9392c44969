import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../worker/db/client';
import { ticketEvents, tickets } from '../../worker/db/schema';
import { addOrganisation, makeDesk, premiumCoverageJson } from './fixtures';
import { countRows } from './intake-helpers';
import { pinClock } from './pin-clock';
import { bearer, makeTicket } from './ticket-fixtures';

const admin = (method: string, path: string, body: unknown) =>
  exports.default.fetch(`http://x/v1/admin${path}`, {
    method,
    headers: { ...bearer('test-admin-secret'), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

const rowOf = async (id: string) => {
  const [row] = await getDb(env.DB).select().from(tickets).where(eq(tickets.id, id));
  if (!row) throw new Error(`no ticket ${id}`);
  return row;
};
const recomputedEvents = (id: string) =>
  getDb(env.DB).select().from(ticketEvents).where(eq(ticketEvents.ticketId, id));
const dueChangedHooks = (id: string) =>
  countRows('webhook_deliveries', `ticket_id = '${id}' and event = 'ticket.due_changed'`);

/** The 2027 decree as a test loads it: New Year plus a holiday on Monday 4 January. */
const decree2027 = {
  national: [
    { date: '2027-01-01', name: 'Tahun Baru 2027 Masehi' },
    { date: '2027-01-04', name: 'Hari libur uji' },
  ],
  collectiveLeave: [],
  source: 'SKB 3 Menteri 2027 (test)',
};

describe('recomputing running clocks after holiday and coverage changes', () => {
  // Tuesday 1 December 2026: every ticket below is still running, its due time ahead.
  pinClock('2026-12-01T08:00:00+07:00');

  it('moves the due time of an open ticket onto a holiday loaded for 2027, never a stopped one, once', async () => {
    const fx = await makeDesk({ webhookUrl: 'https://hooks.example/kinobi' });
    const home = { deskId: fx.deskId, organisationId: fx.organisationId };
    // Thu 31 Dec 2026 17:00 WIB: due Mon 4 Jan 2027 10:00 WIB on the provisional data.
    const receivedAt = Date.parse('2026-12-31T10:00:00Z');
    const open = await makeTicket(home, {
      severity: 1,
      createdAt: receivedAt,
      slaNotified: 'at_risk',
      clockCheckAt: null,
    });
    const answered = await makeTicket(home, {
      severity: 1,
      createdAt: receivedAt,
      status: 'open',
      firstResponseAt: receivedAt + 60_000,
    });
    expect(new Date(open.firstResponseDueAt).toISOString()).toBe('2027-01-04T03:00:00.000Z');
    const before = Date.now();

    const res = await admin('PUT', '/holidays/id/2027', decree2027);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { dueTimesRecomputed: number }).dueTimesRecomputed).toBe(1);

    const moved = await rowOf(open.id);
    expect(new Date(moved.firstResponseDueAt).toISOString()).toBe('2027-01-05T03:00:00.000Z');
    expect(moved.atRiskAt).toBeGreaterThan(open.atRiskAt);
    // The queue's SLA summary moves with it, before any replay.
    expect(moved).toMatchObject({ slaDueAt: moved.firstResponseDueAt, slaAtRiskAt: moved.atRiskAt });
    expect(moved.slaNotified).toBe('on_track');
    expect(moved.clockCheckAt).toBeGreaterThanOrEqual(before);
    expect(moved.version).toBe(2);
    const events = (await recomputedEvents(open.id)).filter((e) => e.type === 'due_recomputed');
    expect(events.map((e) => e.data)).toEqual([
      { from: '2027-01-04T03:00:00.000Z', to: '2027-01-05T03:00:00.000Z', reason: 'holidays 2027 loaded' },
    ]);
    expect(await dueChangedHooks(open.id)).toBe(1);

    const still = await rowOf(answered.id);
    expect(still.firstResponseDueAt).toBe(answered.firstResponseDueAt);
    expect(still.version).toBe(1);
    expect(await recomputedEvents(answered.id)).toEqual([]);
    expect(await dueChangedHooks(answered.id)).toBe(0);

    // Loading the same decree again moves nothing and writes nothing more.
    const again = await admin('PUT', '/holidays/id/2027', decree2027);
    expect(((await again.json()) as { dueTimesRecomputed: number }).dueTimesRecomputed).toBe(0);
    expect((await recomputedEvents(open.id)).filter((e) => e.type === 'due_recomputed')).toHaveLength(1);
    expect(await dueChangedHooks(open.id)).toBe(1);
  });

  it('moves only the changed organisation’s open tickets when its coverage changes', async () => {
    const fx = await makeDesk();
    const other = await addOrganisation(fx.deskId, `${fx.slug}-other`);
    // Fri 4 Dec 2026 17:00 WIB: standard coverage makes severity 1 due Mon 7 Dec 10:00 WIB.
    const receivedAt = Date.parse('2026-12-04T10:00:00Z');
    const mine = await makeTicket(
      { deskId: fx.deskId, organisationId: fx.organisationId },
      { severity: 1, createdAt: receivedAt },
    );
    const theirs = await makeTicket(
      { deskId: fx.deskId, organisationId: other.organisationId },
      { severity: 1, createdAt: receivedAt },
    );
    const answered = await makeTicket(
      { deskId: fx.deskId, organisationId: fx.organisationId },
      { severity: 1, createdAt: receivedAt, firstResponseAt: receivedAt + 60_000 },
    );
    expect(new Date(mine.firstResponseDueAt).toISOString()).toBe('2026-12-07T03:00:00.000Z');

    const res = await admin('PATCH', `/organisations/${fx.organisationId}`, {
      coverage: premiumCoverageJson,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { dueTimesRecomputed: number }).dueTimesRecomputed).toBe(1);

    // 24x7: two hours after the report.
    expect(new Date((await rowOf(mine.id)).firstResponseDueAt).toISOString()).toBe(
      '2026-12-04T12:00:00.000Z',
    );
    const event = (await recomputedEvents(mine.id)).find((e) => e.type === 'due_recomputed');
    expect(event?.data).toEqual({
      from: '2026-12-07T03:00:00.000Z',
      to: '2026-12-04T12:00:00.000Z',
      reason: 'coverage changed',
    });
    expect((await rowOf(theirs.id)).firstResponseDueAt).toBe(theirs.firstResponseDueAt);
    expect((await rowOf(answered.id)).firstResponseDueAt).toBe(answered.firstResponseDueAt);
    // No webhook on this desk: nothing queued.
    expect(await dueChangedHooks(mine.id)).toBe(0);

    // A PATCH that leaves the coverage as it is recomputes nothing.
    const same = await admin('PATCH', `/organisations/${fx.organisationId}`, {
      coverage: premiumCoverageJson,
    });
    expect(await same.json()).not.toHaveProperty('dueTimesRecomputed');
  });
  it('moves the open tickets without an organisation when the desk’s standard coverage changes', async () => {
    const fx = await makeDesk();
    const receivedAt = Date.parse('2026-12-04T10:00:00Z');
    const unverified = await makeTicket(
      { deskId: fx.deskId, organisationId: null },
      { severity: 1, createdAt: receivedAt },
    );
    const ofOrganisation = await makeTicket(
      { deskId: fx.deskId, organisationId: fx.organisationId },
      { severity: 1, createdAt: receivedAt },
    );

    const res = await admin('PATCH', `/desks/${fx.deskId}`, { coverage: premiumCoverageJson });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { dueTimesRecomputed: number }).dueTimesRecomputed).toBe(1);
    expect(new Date((await rowOf(unverified.id)).firstResponseDueAt).toISOString()).toBe(
      '2026-12-04T12:00:00.000Z',
    );
    expect((await rowOf(ofOrganisation.id)).firstResponseDueAt).toBe(ofOrganisation.firstResponseDueAt);
  });
});
