import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TicketCreated } from '../../shared/schema';
import { getDb } from '../../worker/db/client';
import { agents } from '../../worker/db/schema';
import { captureMail } from './email-helpers';
import { addAgent, makeDesk } from './fixtures';
import { errorCode, postTicket, ticketBody } from './intake-helpers';
import { consume, takeOutbox } from './queue-helpers';
import { agentApi } from './ticket-api';

const HOUR = 3_600_000;
const securityReport = (personalData?: boolean) =>
  ticketBody({
    category: 'security_incident',
    subject: 'Data pelanggan bocor',
    description: 'Daftar pelanggan kami muncul di forum publik.',
    impact: undefined,
    ...(personalData === undefined ? {} : { personalData }),
  });

afterEach(() => vi.restoreAllMocks());

describe('security incidents (guide section 11)', () => {
  it('flags personal data, stores a 72-hour wall-clock deadline, shows it and puts it in the webhook', async () => {
    const fx = await makeDesk({ webhookUrl: 'https://hooks.example/in' });
    captureMail();
    const before = Date.now();
    const res = await postTicket(fx, securityReport(true));
    expect(res.status).toBe(201);
    const t = (await res.json()) as TicketCreated;
    expect(t.flags).toEqual(expect.arrayContaining(['security_incident', 'personal_data']));
    const d = await agentApi(fx.agentToken).detail(t.id);
    expect(d.personalData).toBe(true);
    const deadline = Date.parse(d.notificationDeadlineAt as string);
    expect(deadline - before).toBeGreaterThanOrEqual(72 * HOUR);
    expect(deadline - Date.now()).toBeLessThanOrEqual(72 * HOUR);
    const hook = await env.DB.prepare(
      "select payload from webhook_deliveries where ticket_id = ? and event = 'ticket.escalated'",
    )
      .bind(t.id)
      .first<{ payload: string }>();
    expect(JSON.parse(hook?.payload ?? '{}').ticket).toMatchObject({
      personalData: true,
      notificationDeadlineAt: d.notificationDeadlineAt,
    });
  });

  it('takes personalData: false (the widget\'s "no") as no personal data: no flag, no deadline', async () => {
    const fx = await makeDesk();
    captureMail();
    const res = await postTicket(fx, securityReport(false));
    expect(res.status).toBe(201);
    const t = (await res.json()) as TicketCreated;
    expect(t.flags).toContain('security_incident');
    expect(t.flags).not.toContain('personal_data');
    const d = await agentApi(fx.agentToken).detail(t.id);
    expect(d.personalData).toBe(false);
    expect(d.notificationDeadlineAt).toBeNull();
  });

  it('refuses personalData outside the security path', async () => {
    const fx = await makeDesk();
    const res = await postTicket(fx, { ...ticketBody(), personalData: true });
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('validation_failed');
  });

  it('emails the desk’s security team at once; agents outside it are not mailed', async () => {
    const fx = await makeDesk();
    const sec = await addAgent(fx.deskId, 'Rina', { teams: ['security'] });
    await getDb(env.DB)
      .update(agents)
      .set({ email: 'rina@kinobi.example' })
      .where(eq(agents.id, sec.agentId));
    await addAgent(fx.deskId, 'Tono', { teams: ['security'] }); // no email: cannot be mailed
    const mail = captureMail();
    const t = (await (await postTicket(fx, securityReport(true))).json()) as TicketCreated;
    await mail.settled();
    // The alert goes to the security team at once (awaited by the intake); the reporter's own
    // confirmation follows after the answer and is not part of this check.
    const alerts = mail.sent.filter((m) => m.to !== 'budi@customer.example');
    expect(alerts.map((m) => m.to)).toEqual(['rina@kinobi.example']);
    expect(alerts[0]?.parsed.subject).toBe(
      `[SECURITY · PERSONAL DATA] Ticket #${t.number}: Data pelanggan bocor`,
    );
    expect(alerts[0]?.parsed.text).toContain('within 72 hours');
    const d = await agentApi(fx.agentToken).detail(t.id);
    const sent = d.events
      .filter((e) => e.type === 'email_sent')
      .map((e) => e.data as { kind: string; to: string });
    expect(sent.filter((e) => e.kind === 'security_alert')).toMatchObject([
      { kind: 'security_alert', to: 'rina@kinobi.example' },
    ]);
    // A normal problem alerts nobody on the desk.
    await postTicket(fx, ticketBody());
    await mail.settled();
    expect(mail.sent.filter((m) => m.to === 'rina@kinobi.example')).toHaveLength(1);
  });

  it('answers only after the alert was tried, and sends a failed alert again through the mail queue, once', async () => {
    const fx = await makeDesk();
    const sec = await addAgent(fx.deskId, 'Rina', { teams: ['security'] });
    await getDb(env.DB)
      .update(agents)
      .set({ email: 'rina@kinobi.example' })
      .where(eq(agents.id, sec.agentId));
    takeOutbox();
    // send_email is down while the report comes in.
    captureMail({ fail: true });
    const t = (await (await postTicket(fx, securityReport())).json()) as TicketCreated;
    const events = async (type: string) =>
      (await agentApi(fx.agentToken).detail(t.id)).events
        .filter((e) => e.type === type && (e.data as { kind?: string }).kind === 'security_alert')
        .map((e) => e.data);
    // Tried at once and recorded before the intake answered; the retry is already on the queue.
    expect(await events('email_failed')).toMatchObject([{ to: 'rina@kinobi.example', retry: 'queued' }]);
    const retry = takeOutbox().filter((q) => q.body.kind === 'security_alert');
    expect(retry.map((q) => q.body)).toMatchObject([{ ticketId: t.id, agentId: sec.agentId }]);
    // send_email is back: the consumer sends it, and a duplicate of the message sends nothing.
    vi.restoreAllMocks();
    const mail = captureMail();
    const bodies = retry.map((q) => q.body);
    await consume('kinobi-mail', bodies, { attempts: 1 });
    await consume('kinobi-mail', bodies, { attempts: 2 });
    await mail.settled();
    expect(mail.sent.map((m) => m.to)).toEqual(['rina@kinobi.example']);
    expect(mail.sent[0]?.parsed.subject).toBe(`[SECURITY] Ticket #${t.number}: Data pelanggan bocor`);
    expect(await events('email_sent')).toMatchObject([{ to: 'rina@kinobi.example', retried: true }]);
  });

  it('lets only a lead or the security team downgrade a security incident, and only with a reason', async () => {
    const fx = await makeDesk();
    captureMail();
    const t = (await (await postTicket(fx, securityReport())).json()) as TicketCreated;
    const plain = agentApi(fx.agentToken);
    const denied = await plain.patch(t.id, { severity: 3, reason: 'false alarm' });
    expect(denied.status).toBe(403);
    expect(denied.body.error?.code).toBe('forbidden');
    const lead = agentApi((await addAgent(fx.deskId, 'Lia', { role: 'lead' })).agentToken);
    expect((await lead.patch(t.id, { severity: 3 })).status).toBe(400);
    const sec = agentApi((await addAgent(fx.deskId, 'Rina', { teams: ['security'] })).agentToken);
    const ok = await sec.patch(t.id, { severity: 3, reason: 'phishing test by the customer’s own IT' });
    expect(ok.status).toBe(200);
    expect(ok.body.severity).toBe(3);
    expect((await lead.patch(t.id, { severity: 4, reason: 'confirmed harmless' })).status).toBe(200);
  });
});
