import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { outOfScopeSentence } from '../../worker/email/scope-strings';
import { captureMail } from './email-helpers';
import { makeDesk } from './fixtures';
import { IE11_UA, postTicket, ticketBody } from './intake-helpers';
import { drainQueues } from './queue-helpers';

/** Waits (bounded) for the confirmation's outcome: it is queued after the answer (waitUntil) and mailed by the consumer. */
async function confirmed(ticketId: string) {
  for (let i = 0; i < 100; i++) {
    await drainQueues();
    const row = await env.DB.prepare(
      "select count(*) as n from ticket_events where ticket_id = ? and type in ('email_sent', 'email_withheld', 'email_failed')",
    )
      .bind(ticketId)
      .first<{ n: number }>();
    if ((row?.n ?? 0) > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('no confirmation outcome within 2 s');
}

describe('outOfScopeSentence', () => {
  it('says nothing for a request in scope, and for a security incident whatever else is flagged', () => {
    expect(outOfScopeSentence([], 'en')).toBeNull();
    expect(outOfScopeSentence(['security_incident', 'third_party'], 'id')).toBeNull();
  });

  it('names what to do instead, per reason, in one sentence per language', () => {
    expect(outOfScopeSentence(['professional_services'], 'en')).toBe(
      'This request is outside standard support: for professional services or training, please contact your account team.',
    );
    expect(outOfScopeSentence(['third_party', 'unsupported_environment'], 'id')).toBe(
      'Permintaan ini berada di luar cakupan dukungan standar: untuk perangkat lunak pihak ketiga, silakan hubungi vendornya; silakan coba lagi dengan browser yang didukung.',
    );
    expect(outOfScopeSentence(['force_majeure'], 'en')).toBe(
      'This request is outside standard support: our team will explain the options available.',
    );
  });
});

describe('the confirmation of an out-of-scope request', () => {
  afterEach(() => vi.restoreAllMocks());

  it('tells the customer plainly that it is outside standard support and whom to ask instead', async () => {
    const fx = await makeDesk();
    const mail = captureMail();
    const res = await postTicket(
      fx,
      ticketBody({
        contact: { name: 'Budi', email: 'budi.vendor@customer.example' },
        thirdParty: { involved: true, name: 'Acme CRM' },
        environment: { userAgent: IE11_UA, cookiesEnabled: true },
      }),
    );
    expect(res.status).toBe(201);
    const outOfScope = (await res.json()) as { id: string; inScope: boolean };
    expect(outOfScope.inScope).toBe(false);
    await confirmed(outOfScope.id);

    const inScope = (await (
      await postTicket(fx, ticketBody({ contact: { name: 'Rina', email: 'rina@customer.example' } }))
    ).json()) as { id: string };
    await confirmed(inScope.id);
    await mail.settled();

    const textTo = (to: string) => mail.sent.find((m) => m.to === to)?.parsed.text ?? '';
    expect(textTo('budi.vendor@customer.example')).toContain(
      'Permintaan ini berada di luar cakupan dukungan standar: untuk perangkat lunak pihak ketiga, silakan hubungi vendornya; silakan coba lagi dengan browser yang didukung.',
    );
    expect(textTo('rina@customer.example')).toContain('Terima kasih.');
    expect(textTo('rina@customer.example')).not.toContain('di luar cakupan');
  });
});
