import { describe, expect, it } from 'vitest';
import { signIn, ticketPageText } from './desk-helpers';
import { makeDesk } from './fixtures';
import { pinClock } from './pin-clock';
import { agentApi } from './ticket-api';

const wib = (local: string) => new Date(`${local}+07:00`).toISOString();

/**
 * The ticket page words the receipt and the start of counting so they cannot be read as two
 * different starts: the clock table's start is the receipt, and when support was closed then, it
 * says so and when counting began, which is the header's "Clock from".
 */
describe('the console’s start-time wording', () => {
  pinClock('2026-12-07T10:00:00+07:00');

  async function received(at: string) {
    const fx = await makeDesk();
    const t = await agentApi(fx.agentToken).logTicket(fx.slug, {
      impact: { affected: 'non_critical_or_intermittent', workaround: 'none' },
      receivedAt: wib(at),
    });
    const cookie = await signIn(fx.agentToken);
    return { en: await ticketPageText(t.id, 'en', cookie), id: await ticketPageText(t.id, 'id', cookie) };
  }

  it('says a request received outside support hours was, and when its clock counts from, in both languages', async () => {
    const { en, id } = await received('2026-12-07T06:28:00');
    expect(en.facts.received).toBe('Mon 7 Dec, 06:28 WIB (outside support hours)');
    expect(en.facts['clock-from']).toBe('Mon 7 Dec, 09:00 WIB');
    expect(en.html).toContain('<dt>Received</dt>');
    expect(en.html).toContain('<dt>Clock from</dt>');
    expect(en.rows.first_response?.[2]).toBe(
      'Received Mon 7 Dec, 06:28 WIB (outside support hours) · clock from 09:00 WIB',
    );
    expect(en.rows.resolution?.[2]).toBe(en.rows.first_response?.[2]);
    expect(id.facts.received).toBe('Sen, 7 Des, 06.28 WIB (di luar jam dukungan)');
    expect(id.facts['clock-from']).toBe('Sen, 7 Des, 09.00 WIB');
    expect(id.html).toContain('<dt>Diterima</dt>');
    expect(id.html).toContain('<dt>Dihitung sejak</dt>');
    expect(id.rows.first_response?.[2]).toBe(
      'Diterima Sen, 7 Des, 06.28 WIB (di luar jam dukungan) · dihitung sejak 09.00 WIB',
    );
    // The old, contradictory-looking labels are gone.
    expect(en.html).not.toMatch(/Clock starts|>Reported</);
    expect(id.html).not.toMatch(/Jam mulai|>Dilaporkan</);
  });

  it('gives the day as well when counting starts on a later day', async () => {
    // Saturday evening: counting starts Monday 09:00.
    const { en, id } = await received('2026-12-05T19:45:00');
    expect(en.rows.first_response?.[2]).toBe(
      'Received Sat 5 Dec, 19:45 WIB (outside support hours) · clock from Mon 7 Dec, 09:00 WIB',
    );
    expect(id.rows.first_response?.[2]).toBe(
      'Diterima Sab, 5 Des, 19.45 WIB (di luar jam dukungan) · dihitung sejak Sen, 7 Des, 09.00 WIB',
    );
  });

  it('shows only the receipt when it came in support hours', async () => {
    const { en, id } = await received('2026-12-07T09:10:00');
    expect(en.facts.received).toBe('Mon 7 Dec, 09:10 WIB');
    expect(en.rows.first_response?.[2]).toBe('Received Mon 7 Dec, 09:10 WIB');
    expect(id.rows.first_response?.[2]).toBe('Diterima Sen, 7 Des, 09.10 WIB');
  });
});
