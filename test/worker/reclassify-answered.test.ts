import { describe, expect, it, vi } from 'vitest';
import type { TicketSummary } from '../../shared/agent-schema';
import { signIn, ticketPageText } from './desk-helpers';
import { makeDesk, standardCoverageJson } from './fixtures';
import { pinClock } from './pin-clock';
import { agentApi, clockOf, type Detail } from './ticket-api';

/**
 * Issue 10: a severity change recomputes the clocks still running, from their start, with an event;
 * a stopped clock is never recomputed. Here the first response has been given when the agent
 * reclassifies: it keeps the severity, target and due time it was answered against (the ticket's
 * `firstResponseDueAt` and its `first_response` clock agree), and only the resolution clock, still
 * running, follows the new severity, and with it the queue's due order.
 */
const wib = (local: string) => new Date(`${local}+07:00`).toISOString();
const at = (local: string) => vi.setSystemTime(Date.parse(`${local}+07:00`));
const MON = '2026-12-07'; // a working Monday; no holiday until 24 December

/** An order form with resolution targets per severity (business minutes, Mon–Fri 09:00–18:00). */
const withResolution = { ...standardCoverageJson, resolution: { '1': 480, '2': 1080, '3': 2160, '4': 4320 } };

type View = Detail &
  Pick<TicketSummary, 'clockStartsAt' | 'atRiskAt' | 'firstResponseAt' | 'slaClock' | 'slaDueAt'>;

/** A desk with the order form and a client; tickets are logged as received Monday 09:00 WIB. */
async function setUp() {
  const fx = await makeDesk({ coverage: withResolution });
  const a = agentApi(fx.agentToken);
  const log = (affected: string, subject: string) =>
    a.logTicket(fx.slug, {
      subject,
      impact: { affected, workaround: 'none' },
      receivedAt: wib(`${MON}T09:00:00`),
    });
  const view = async (id: string) => (await a.detail(id)) as View;
  const queue = async () => {
    const res = await a.get('/v1/tickets?sort=due');
    expect(res.status).toBe(200);
    return ((await res.json()) as { tickets: TicketSummary[] }).tickets.map((t) => t.id);
  };
  const consolePage = async (id: string, lang: 'en' | 'id') =>
    ticketPageText(id, lang, await signIn(fx.agentToken));
  return { a, log, view, queue, consolePage };
}

describe('reclassifying a ticket after its first response', () => {
  pinClock(`${MON}T10:00:00+07:00`);

  it('keeps the answered first response as it was, up and down; the running resolution clock and the due order follow', async () => {
    const { a, log, view, queue } = await setUp();
    const t = await log('main_function_degraded', 'Ekspor lambat'); // severity 2: first response due 13:00
    const other = await log('non_critical_or_intermittent', 'Grafik kadang kosong'); // severity 3: due 18:00
    expect(t.severity).toBe(2);
    expect(other.severity).toBe(3);
    const before = await view(t.id);
    expect(before).toMatchObject({
      firstResponseDueAt: wib(`${MON}T13:00:00`),
      clockStartsAt: wib(`${MON}T09:00:00`),
    });

    at(`${MON}T12:00:00`);
    await a.reply(t.id); // in time for severity 2 (13:00), late for severity 1 (11:00)
    const answered = await view(t.id);
    // Resolution at severity 2: 1080 business minutes from Monday 09:00.
    expect(answered).toMatchObject({ slaClock: 'resolution', slaDueAt: wib('2026-12-08T18:00:00') });
    expect(await queue()).toEqual([other.id, t.id]);

    const firstResponse = {
      state: 'met',
      severity: 2,
      businessMinutes: 240,
      dueAt: wib(`${MON}T13:00:00`),
      stoppedAt: wib(`${MON}T12:00:00`),
      breach: null,
    };
    const header = {
      clockStartsAt: wib(`${MON}T09:00:00`),
      firstResponseDueAt: wib(`${MON}T13:00:00`),
      atRiskAt: before.atRiskAt,
      firstResponseAt: wib(`${MON}T12:00:00`),
    };

    at(`${MON}T12:30:00`);
    const up = await a.patch(t.id, { severity: 1, reason: 'Seluruh tim keuangan terdampak' });
    expect(up.status).toBe(200);
    let d = await view(t.id);
    expect(d).toMatchObject({ severity: 1, ...header, sla: { state: 'on_track' }, slaClock: 'resolution' });
    expect(clockOf(d, 'first_response')).toMatchObject(firstResponse);
    // Resolution, still running, is recomputed from receipt at severity 1: 480 minutes, due 17:00.
    expect(clockOf(d, 'resolution')).toMatchObject({
      state: 'running',
      severity: 1,
      businessMinutes: 480,
      dueAt: wib(`${MON}T17:00:00`),
    });
    expect(d.slaDueAt).toBe(wib(`${MON}T17:00:00`));
    expect(d.events.filter((e) => e.type === 'severity_changed').at(-1)?.data).toEqual({
      from: 2,
      to: 1,
      reason: 'Seluruh tim keuangan terdampak',
      firstResponseDueAt: { from: wib(`${MON}T13:00:00`), to: wib(`${MON}T13:00:00`) },
    });
    // The first response was answered: its due time did not change, and nothing was breached.
    expect(d.events.map((e) => e.type)).not.toContain('due_changed');
    expect(d.events.map((e) => e.type)).not.toContain('sla_breach_recorded');
    expect(await queue()).toEqual([t.id, other.id]);

    at(`${MON}T13:00:00`);
    expect((await a.patch(t.id, { severity: 4, reason: 'Hanya satu laporan' })).status).toBe(200);
    d = await view(t.id);
    expect(d).toMatchObject({ severity: 4, ...header, sla: { state: 'on_track' }, slaClock: 'resolution' });
    expect(clockOf(d, 'first_response')).toMatchObject(firstResponse);
    // 4320 minutes from Monday 09:00: eight business days, Wednesday 16 December 18:00.
    expect(clockOf(d, 'resolution')).toMatchObject({
      state: 'running',
      severity: 4,
      businessMinutes: 4320,
      dueAt: wib('2026-12-16T18:00:00'),
    });
    expect(d.slaDueAt).toBe(wib('2026-12-16T18:00:00'));
    expect(
      d.events.filter((e) => e.type === 'severity_changed').map((e) => [e.data.from, e.data.to]),
    ).toEqual([
      [2, 1],
      [1, 4],
    ]);
    expect(d.events.map((e) => e.type)).not.toContain('due_changed');
    expect(await queue()).toEqual([other.id, t.id]);
  });

  it('keeps a late first response as the breach it was when the ticket is downgraded afterwards', async () => {
    const { a, log, view } = await setUp();
    const t = await log('service_unavailable', 'Dasbor tidak bisa dibuka'); // severity 1: due 11:00
    at(`${MON}T12:00:00`);
    await a.reply(t.id);
    at(`${MON}T12:30:00`);
    expect((await a.patch(t.id, { severity: 3, reason: 'Ada jalan pintas' })).status).toBe(200);
    const d = await view(t.id);
    expect(d).toMatchObject({
      severity: 3,
      firstResponseDueAt: wib(`${MON}T11:00:00`),
      firstResponseAt: wib(`${MON}T12:00:00`),
      slaClock: 'resolution',
      // Resolution at severity 3: 2160 minutes from Monday 09:00, Thursday 18:00.
      slaDueAt: wib('2026-12-10T18:00:00'),
    });
    expect(clockOf(d, 'first_response')).toMatchObject({
      state: 'breached',
      breach: { severity: 1, businessMinutes: 120 },
      breachedAt: wib(`${MON}T11:00:00`),
      severity: 1,
      businessMinutes: 120,
      dueAt: wib(`${MON}T11:00:00`),
    });
    expect(clockOf(d, 'resolution')).toMatchObject({ state: 'running', severity: 3, businessMinutes: 2160 });
    expect(d.events.filter((e) => e.type === 'sla_breach_recorded')).toHaveLength(1);
  });

  it('shows the same on the console: a met answer against its own due time, and the clock due next', async () => {
    const { a, log, consolePage } = await setUp();
    const t = await log('main_function_degraded', 'Ekspor lambat');
    at(`${MON}T12:00:00`);
    await a.reply(t.id);
    at(`${MON}T12:30:00`);
    await a.patch(t.id, { severity: 1, reason: 'Seluruh tim keuangan terdampak' });
    const en = await consolePage(t.id, 'en');
    // No stale "due" beside the answer: whether it was in time, against the due time it was held to.
    expect(en.facts['first-response']).toBe('Met, answered Mon 7 Dec, 12:00 WIB (due Mon 7 Dec, 13:00 WIB)');
    expect(en.facts['next-due']).toBe('Resolution: Mon 7 Dec, 17:00 WIB');
    expect(en.facts.due).toBeUndefined();
    expect(en.facts['at-risk']).toBeUndefined();
    // The clock table agrees: the first response at severity 2's 240 minutes, due 13:00.
    expect(en.rows.first_response?.[1]).toBe('Met');
    expect(en.rows.first_response?.[3]).toBe('Mon 7 Dec, 13:00 WIB / Mon 7 Dec, 12:00 WIB');
    expect(en.rows.first_response?.[4]).toBe('180 / 240 (0)');
    expect(en.rows.resolution?.[3]).toBe('Mon 7 Dec, 17:00 WIB');
    const id = await consolePage(t.id, 'id');
    expect(id.facts['first-response']).toBe(
      'Terpenuhi, dijawab Sen, 7 Des, 12.00 WIB (tenggat Sen, 7 Des, 13.00 WIB)',
    );
    expect(id.facts['next-due']).toBe('Penyelesaian: Sen, 7 Des, 17.00 WIB');
  });

  it('words a late answer as late on the console', async () => {
    const { a, log, consolePage } = await setUp();
    const t = await log('service_unavailable', 'Dasbor tidak bisa dibuka');
    at(`${MON}T12:00:00`);
    await a.reply(t.id);
    at(`${MON}T12:30:00`);
    await a.patch(t.id, { severity: 3, reason: 'Ada jalan pintas' });
    const { facts, rows } = await consolePage(t.id, 'en');
    expect(facts['first-response']).toBe('Late, answered Mon 7 Dec, 12:00 WIB (due Mon 7 Dec, 11:00 WIB)');
    expect(rows.first_response?.slice(1, 2)).toEqual(['Breached']);
    expect(rows.first_response?.[4]).toBe('180 / 120 (0)');
  });

  it('keeps a closed unanswered ticket’s first-response due as its stopped clock has it, and moves it when the same change reopens it', async () => {
    const { a, log, view } = await setUp();
    const t = await log('main_function_degraded', 'Ekspor lambat'); // severity 2: due 13:00
    expect((await a.patch(t.id, { status: 'closed' })).status).toBe(200);
    expect((await a.patch(t.id, { severity: 1, reason: 'seluruh kantor terdampak' })).status).toBe(200);
    const closed = await view(t.id);
    expect(closed.firstResponseDueAt).toBe(wib(`${MON}T13:00:00`));
    expect(clockOf(closed, 'first_response')).toMatchObject({
      severity: 2,
      dueAt: closed.firstResponseDueAt,
    });
    // reopened and reclassified at once: the clock runs again, on the new severity
    expect((await a.patch(t.id, { status: 'open', severity: 2, reason: 'kembali' })).status).toBe(200);
    expect((await a.patch(t.id, { severity: 1, reason: 'ternyata kritis' })).status).toBe(200);
    const open = await view(t.id);
    expect(open.firstResponseDueAt).toBe(wib(`${MON}T11:00:00`));
  });
});
