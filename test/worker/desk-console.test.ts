import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../worker/db/client';
import { agents, escalations, messages, ticketEvents, tickets } from '../../worker/db/schema';
import { recordDueBreaches } from '../../worker/tickets/breaches';
import { desk, signIn } from './desk-helpers';
import { addAgent, addOrganisation, makeDesk } from './fixtures';
import { makeTicket } from './ticket-fixtures';

const db = getDb(env.DB);
const HOUR = 3_600_000;
/** Ticket ids of the queue page's rows, in order. */
const rowIds = (html: string) => [...html.matchAll(/<tr data-ticket="([^"]+)"/g)].map((m) => m[1]);
const page = async (path: string, cookie: string) => {
  const res = await desk(path, { cookie });
  const html = await res.text();
  expect(res.status, html.slice(0, 300)).toBe(200);
  return html;
};

/** A desk with two organisations, a lead in support and security, and tickets in several states. */
async function deskWithTickets() {
  const fx = await makeDesk({ teams: ['support', 'security'], role: 'lead' });
  const other = await addOrganisation(fx.deskId, `${fx.slug}-b`);
  const a = { deskId: fx.deskId, organisationId: fx.organisationId };
  const b = { deskId: fx.deskId, organisationId: other.organisationId };
  // Fixed receipt times inside support hours (Monday 2 November 2026, 09:00 WIB, a working day):
  // tickets received outside hours would share the next opening as their due time, and the order
  // would then depend on the time of day the test runs.
  const base = Date.parse('2026-11-02T09:00:00+07:00');
  const t1 = await makeTicket(a, { severity: 1, createdAt: base, subject: 'Laporan penjualan error 500' });
  const t2 = await makeTicket(b, {
    severity: 1,
    createdAt: base + HOUR,
    subject: 'Login gagal',
    flags: ['security_incident'],
  });
  const t3 = await makeTicket(a, {
    severity: 2,
    createdAt: base + 2 * HOUR,
    subject: 'Ekspor CSV lambat',
    waitingOn: 'us',
    firstResponseAt: base + 2 * HOUR + 60_000,
  });
  const t4 = await makeTicket(b, {
    severity: 4,
    createdAt: base + 3 * HOUR,
    subject: 'Faktur',
    waitingOn: 'customer',
  });
  const done = await makeTicket(a, {
    severity: 3,
    createdAt: base,
    subject: 'Sudah selesai',
    status: 'resolved',
  });
  return { fx, other, t1, t2, t3, t4, done, cookie: await signIn(fx.agentToken) };
}

describe('the console queue', () => {
  it('shows every organisation’s open tickets by due time, with the strict CSP', async () => {
    const { fx, other, t1, t2, t3, t4, cookie } = await deskWithTickets();
    const res = await desk('/desk', { cookie });
    expect(res.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    expect(res.headers.get('Content-Security-Policy')).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    // t3 is answered: none of its clocks runs to a target, so it follows everything that is due.
    expect(rowIds(html)).toEqual([t1.id, t2.id, t4.id, t3.id]);
    expect(html).toContain(`Organisation ${fx.slug}`);
    expect(html).toContain(`Organisation ${other.slug}`);
    expect(html).toContain('sla-breached');
  });

  it('narrows by view, filter and search', async () => {
    const { fx, other, t1, t2, t3, t4, done, cookie } = await deskWithTickets();
    expect(rowIds(await page('/desk?view=needs-first-response', cookie))).toEqual([t1.id, t2.id, t4.id]);
    expect(rowIds(await page('/desk?view=customer-replied', cookie))).toEqual([t3.id]);
    expect(rowIds(await page('/desk?view=waiting-customer', cookie))).toEqual([t4.id]);
    expect(rowIds(await page('/desk?view=security', cookie))).toEqual([t2.id]);
    expect(rowIds(await page(`/desk?organisation=${other.slug}`, cookie))).toEqual([t2.id, t4.id]);
    expect(rowIds(await page('/desk?severity=1', cookie))).toEqual([t1.id, t2.id]);
    expect(rowIds(await page('/desk?status=resolved', cookie))).toEqual([done.id]);
    expect(rowIds(await page('/desk?q=ekspor', cookie))).toEqual([t3.id]);
    expect(rowIds(await page('/desk?view=mine', cookie))).toEqual([]);
    await db.update(tickets).set({ assigneeId: fx.agentId }).where(eq(tickets.id, t4.id));
    expect(rowIds(await page('/desk?view=mine', cookie))).toEqual([t4.id]);
    expect(rowIds(await page('/desk?assignee=none', cookie))).toEqual([t1.id, t2.id, t3.id]);
    await db.insert(escalations).values({
      id: crypto.randomUUID(),
      ticketId: t1.id,
      deskId: fx.deskId,
      team: 'security',
      note: 'n',
      actor: 'agent:Ayu',
      createdAt: Date.now(),
    });
    expect(rowIds(await page('/desk?view=escalated', cookie))).toEqual([t1.id]);
    // A stale value is dropped, not an error page.
    expect(rowIds(await page('/desk?severity=9&view=nope', cookie))).toHaveLength(4);
  });

  it('answers the poll with the rows only', async () => {
    const { t1, cookie } = await deskWithTickets();
    const html = await page('/desk?partial=rows&severity=1', cookie);
    expect(html.startsWith('<tbody id="queue-rows"')).toBe(true);
    expect(html).toContain(t1.id);
    expect(html).not.toContain('<html');
  });
});

describe('the console ticket page', () => {
  it('shows the ticket with its organisation, clock, timeline and canned replies filled in', async () => {
    const { t1, cookie } = await deskWithTickets();
    const html = await page(`/desk/tickets/${t1.id}`, cookie);
    expect(html).toContain('Laporan penjualan error 500');
    expect(html).toContain('Budi &lt;budi@example.com&gt;');
    expect(html).toContain(`#${t1.number}`);
    expect(html).toMatch(/Halo Budi,/);
    expect(html).not.toContain('{name}');
    const withDraft = await page(`/desk/tickets/${t1.id}?canned=en:ack`, cookie);
    expect(withDraft).toMatch(/<textarea[^>]*id="composer-body"[^>]*>Hello Budi,/);
    expect((await desk('/desk/tickets/tkt_nope', { cookie })).status).toBe(404);
  });

  it("names who did each timeline event in the console's language, and every event type in words", async () => {
    const { t1, fx, cookie } = await deskWithTickets();
    const [agent] = await db.select({ name: agents.name }).from(agents).where(eq(agents.id, fx.agentId));
    const at = Date.parse('2026-11-02T10:00:00+07:00');
    const event = (type: string, actor: string, n: number) => ({
      id: crypto.randomUUID(),
      ticketId: t1.id,
      deskId: fx.deskId,
      type,
      actor,
      data: null,
      createdAt: at + n,
    });
    await db
      .insert(ticketEvents)
      .values([
        event('address_confirmed', 'customer', 1),
        event('due_recomputed', 'system', 2),
        event('escalated', `agent:${fx.agentId}`, 3),
      ]);
    const html = await page(`/desk/tickets/${t1.id}`, cookie);
    expect(html).toContain('Alamat email dikonfirmasi');
    expect(html).toContain('Tenggat dihitung ulang');
    expect(html).toMatch(/oleh pelanggan/);
    expect(html).toMatch(/oleh sistem/);
    expect(html).toContain(`oleh ${agent?.name}`);
    expect(html).not.toContain('address_confirmed');
    expect(html).not.toMatch(/oleh (customer|system)\b/);
  });

  it('posts a reply and a note as the agent; the reply is the first response, the note is not public', async () => {
    const { t1, fx, cookie } = await deskWithTickets();
    const reply = await desk(`/desk/tickets/${t1.id}/messages`, {
      form: { kind: 'reply', body: 'Kami cek', key: 'k1' },
      cookie,
    });
    expect(reply.status).toBe(303);
    expect(reply.headers.get('Location')).toBe(`/desk/tickets/${t1.id}?done=reply`);
    // The same form posted twice is written once.
    await desk(`/desk/tickets/${t1.id}/messages`, {
      form: { kind: 'reply', body: 'Kami cek', key: 'k1' },
      cookie,
    });
    await desk(`/desk/tickets/${t1.id}/messages`, {
      form: { kind: 'note', body: 'Cek log', key: 'k2' },
      cookie,
    });
    const rows = await db.select().from(messages).where(eq(messages.ticketId, t1.id));
    expect(rows.map((m) => [m.body, m.public, m.agentId])).toEqual([
      ['Kami cek', true, fx.agentId],
      ['Cek log', false, fx.agentId],
    ]);
    const [after] = await db.select().from(tickets).where(eq(tickets.id, t1.id));
    expect(after?.firstResponseAt).toBeTypeOf('number');
    expect(after?.waitingOn).toBe('customer');
    const html = await page(`/desk/tickets/${t1.id}?done=note`, cookie);
    expect(html).toMatch(/class="msg msg-note"/);
  });

  it('reclassifies with a reason (refused without), assigns, changes status and escalates, each audited', async () => {
    const { t1, fx, cookie } = await deskWithTickets();
    const other = await addAgent(fx.deskId, 'Bagus');
    const base = `/desk/tickets/${t1.id}`;
    expect((await desk(`${base}/severity`, { form: { severity: '2', reason: '' }, cookie })).status).toBe(
      400,
    );
    expect(
      (await desk(`${base}/severity`, { form: { severity: '2', reason: 'Hanya ekspor' }, cookie })).status,
    ).toBe(303);
    expect((await desk(`${base}/assign`, { form: { assignee: other.agentId }, cookie })).status).toBe(303);
    expect((await desk(`${base}/status`, { form: { status: 'pending' }, cookie })).status).toBe(303);
    const esc = await desk(`${base}/escalations`, {
      form: { team: 'engineering', note: 'Lihat ekspor' },
      cookie,
    });
    expect(esc.status).toBe(303);
    const [after] = await db.select().from(tickets).where(eq(tickets.id, t1.id));
    expect(after).toMatchObject({ severity: 2, assigneeId: other.agentId, status: 'pending' });
    const events = await db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, t1.id));
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['severity_changed', 'assignee_changed', 'status_changed', 'escalated']),
    );
    expect(events.find((e) => e.type === 'severity_changed')?.data).toMatchObject({ reason: 'Hanya ekspor' });
    // Every change is the agent's; the clock replay after it may record a breach, by the system.
    const changes = events.filter((e) => e.type !== 'created' && e.type !== 'sla_breach_recorded');
    expect(changes.every((e) => e.agentId === fx.agentId)).toBe(true);
    expect((await desk(`${base}/assign`, { form: { assignee: 'agt_elsewhere' }, cookie })).status).toBe(400);
  });
});

describe('flags and scope on the ticket page', () => {
  it('changes them with a reason, audited; a change without a reason is refused', async () => {
    const { t1, cookie } = await deskWithTickets();
    const path = `/desk/tickets/${t1.id}/flags`;
    const body = new URLSearchParams([
      ['flag', 'third_party'],
      ['flag', 'needs_triage'],
      ['reason', 'Masalah di layanan pembayaran pihak ketiga'],
    ]);
    const res = await desk(path, {
      method: 'POST',
      body: body.toString(),
      cookie,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://desk.test' },
    });
    expect(res.status).toBe(303);
    const [after] = await db.select().from(tickets).where(eq(tickets.id, t1.id));
    // Only the exclusion flags agents set (shared/scope.ts SCOPE_FLAGS) are taken; in scope follows them.
    expect(after?.flags).toEqual(['third_party']);
    expect(after?.inScope).toBe(false);
    const events = await db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, t1.id));
    expect(events.find((e) => e.type === 'flags_changed')?.data).toMatchObject({
      added: ['third_party'],
      removed: [],
      reason: 'Masalah di layanan pembayaran pihak ketiga',
      inScope: { from: true, to: false },
    });
    expect(
      (await desk(path, { form: { flag: 'beta_feature', inScope: 'yes', reason: '' }, cookie })).status,
    ).toBe(400);
    expect((await desk(path, { form: { flag: 'not_a_flag', reason: 'x' }, cookie })).status).toBe(400);
    expect(await page(`/desk/tickets/${t1.id}`, cookie)).toContain('Komponen pihak ketiga');
  });
});

describe('the service review page', () => {
  it('draws attainment, escalations by team and the breach record, which survives a downgrade, and downloads it as CSV', async () => {
    const { t1, cookie } = await deskWithTickets();
    // The cron records t1's first-response breach (severity 1, 120 business minutes) in the append-only record.
    await db.update(tickets).set({ clockCheckAt: Date.now() }).where(eq(tickets.id, t1.id));
    await recordDueBreaches(db, Date.now());
    const esc = await desk(`/desk/tickets/${t1.id}/escalations`, {
      form: { team: 'engineering', note: 'Lihat ekspor' },
      cookie,
    });
    expect(esc.status).toBe(303);
    // An agent then downgrades it: the breach stays on record at the severity it had.
    const down = await desk(`/desk/tickets/${t1.id}/severity`, {
      form: { severity: '4', reason: 'Hanya satu laporan' },
      cookie,
    });
    expect(down.status).toBe(303);
    // From the day before the fixture's fixed receipt times (deskWithTickets) to tomorrow.
    const from = new Date(t1.createdAt - 24 * HOUR).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 24 * HOUR).toISOString().slice(0, 10);
    const html = await page(`/desk/reports?from=${from}&to=${to}`, cookie);
    expect(html).toContain('<svg class="chart"');
    const breach = html.match(/<tr data-breach="[^"]+">[\s\S]*?<\/tr>/)?.[0] ?? '';
    expect(breach).toContain(`/desk/tickets/${t1.id}`);
    expect(breach).toContain('<td>S1</td>');
    expect(breach).toContain('120 menit kerja');
    // Escalations by team: t1 is severity 4 now, escalated to engineering once.
    const esc4 = html.match(/<h2 id="esc-h">[\s\S]*?<\/table>/)?.[0] ?? '';
    expect(esc4).toMatch(/S4 Rendah<\/th><td>1<\/td>/);
    const csv = await desk(`/desk/reports.csv?from=${from}&to=${to}`, { cookie });
    expect(csv.headers.get('Content-Type')).toContain('text/csv');
    expect(csv.headers.get('Content-Disposition')).toMatch(/attachment; filename="service-review-all-/);
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toMatch(/^section,severity,metric,value,ticket_number,subject,clock/);
    expect(text).toMatch(/breach,1,,,\d+,Laporan penjualan error 500,first_response,1,120,/);
    expect(text).toContain('summary,4,escalations_engineering,1');
  });
});
