import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../worker/db/client';
import { deliveryKeys, organisations, ticketEvents } from '../../worker/db/schema';
import { breachesToNotice } from '../../worker/db/success-contact';
import worker from '../../worker/index';
import { mailKey } from '../../worker/queues/messages';
import { captureMail } from './email-helpers';
import { addOrganisation, makeDesk } from './fixtures';
import { drainQueues } from './queue-helpers';
import { makeTicket } from './ticket-fixtures';

async function runCronAt(scheduledTime: number) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime, cron: '* * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
  // The cron queues the notices; the mail consumer sends them.
  await drainQueues();
}

const successContact = (id: string, locale: 'id' | 'en') =>
  getDb(env.DB)
    .update(organisations)
    .set({ successContactName: 'Sinta', successContactEmail: `sinta+${locale}@kinobi.example`, locale })
    .where(eq(organisations.id, id));

const noticeEvents = async (ticketId: string) =>
  (await getDb(env.DB).select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)))
    .filter((e) => (e.data as { kind?: string }).kind === 'success_contact')
    .map((e) => ({ type: e.type, data: e.data as Record<string, unknown> }));

describe('customer-success contact notices', () => {
  afterEach(() => vi.restoreAllMocks());

  it('mails the contact once when a severity 1 ticket of its organisation opens, in its locale', async () => {
    const fx = await makeDesk();
    await successContact(fx.organisationId, 'en');
    const silent = await addOrganisation(fx.deskId, `${fx.slug}-silent`);
    const now = Date.now();
    const home = { deskId: fx.deskId, organisationId: fx.organisationId };
    const critical = await makeTicket(home, { severity: 1, createdAt: now, subject: 'Checkout is down' });
    const minor = await makeTicket(home, { severity: 3, createdAt: now });
    const noContact = await makeTicket(
      { deskId: fx.deskId, organisationId: silent.organisationId },
      { severity: 1, createdAt: now },
    );
    const mail = captureMail();

    await runCronAt(now + 1000);
    await mail.settled();
    expect(mail.sent.map((m) => m.to)).toEqual(['sinta+en@kinobi.example']);
    const [sent] = mail.sent;
    expect(sent?.parsed.subject).toBe(
      `[Ticket #${critical.number}] Organisation ${fx.slug} – Severity 1 ticket opened: Checkout is down`,
    );
    expect(sent?.parsed.text).toContain('Severity: Severity 1 – Critical');
    expect(sent?.parsed.text).toContain(`Ticket #${critical.number}: Checkout is down`);
    expect(sent?.parsed.text).toMatch(/Due: .*WIB/);
    expect((await noticeEvents(critical.id)).map((e) => [e.type, e.data.reason, e.data.to])).toEqual([
      ['email_sent', 'severity_1', 'sinta+en@kinobi.example'],
    ]);
    expect(await noticeEvents(minor.id)).toEqual([]);
    expect(await noticeEvents(noContact.id)).toEqual([]);

    // The next run sends nothing more.
    await runCronAt(now + 61_000);
    await mail.settled();
    expect(mail.sent).toHaveLength(1);
  });

  it('mails the contact once, in Indonesian, when the cron records a breach of its ticket', async () => {
    const fx = await makeDesk();
    await successContact(fx.organisationId, 'id');
    // Received Monday 2 November 2026 09:00 WIB, cron a day later: a severity 2 (4 business hours) is
    // long past due. Fixed instants: "three days ago" is under 4 business hours across some holidays.
    const receivedAt = Date.parse('2026-11-02T09:00:00+07:00');
    const now = receivedAt + 86_400_000;
    const late = await makeTicket(
      { deskId: fx.deskId, organisationId: fx.organisationId },
      { severity: 2, createdAt: receivedAt, clockCheckAt: receivedAt, subject: 'Laporan gagal diekspor' },
    );
    const mail = captureMail();

    await runCronAt(now);
    await mail.settled();
    expect(mail.sent.map((m) => m.to)).toEqual(['sinta+id@kinobi.example']);
    const [sent] = mail.sent;
    expect(sent?.parsed.subject).toBe(
      `[Tiket #${late.number}] Organisation ${fx.slug} – Target SLA terlewati: Laporan gagal diekspor`,
    );
    expect(sent?.parsed.text).toContain('Target respons pertama untuk tiket');
    expect(sent?.parsed.text).toContain('Tingkat keparahan: Severity 2 – Tinggi');
    expect(sent?.parsed.text).toMatch(/Terlewati pada: /);
    const events = await noticeEvents(late.id);
    expect(events.map((e) => [e.type, e.data.reason])).toEqual([['email_sent', 'breach']]);
    expect(events[0]?.data.breachId).toEqual(expect.any(String));

    await runCronAt(now + 60_000);
    await mail.settled();
    expect(mail.sent).toHaveLength(1);
    // The finder skips a breach whose notice has a delivery key (its SQL builds mailKey.successContact).
    const key = mailKey.successContact(late.id, events[0]?.data.breachId as string);
    await getDb(env.DB).delete(ticketEvents).where(eq(ticketEvents.ticketId, late.id));
    expect((await breachesToNotice(getDb(env.DB), 0, 100)).map((n) => n.ticket.id)).not.toContain(late.id);
    await getDb(env.DB).delete(deliveryKeys).where(eq(deliveryKeys.key, key));
    expect((await breachesToNotice(getDb(env.DB), 0, 100)).map((n) => n.ticket.id)).toContain(late.id);
  });
});
