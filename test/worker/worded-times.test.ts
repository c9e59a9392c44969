import { describe, expect, it } from 'vitest';
import type { ResponseTargets, TicketCreated, WidgetConfig } from '../../shared/schema';
import { makeDesk } from './fixtures';
import { getWidget, postTicket, ticketBody } from './intake-helpers';
import { pinClock } from './pin-clock';

// Issue 12: the worker words the due and opening times for the widget, in the user's zone and both
// languages, so the panel ships no Intl date formatting. The expected strings are written out (not
// computed by widget/format.ts) so workerd's own Intl data is what is tested: id-ID month and weekday
// names, the zones, and the WIB/WITA/WIT names.

async function targets(query: string) {
  return getWidget(await makeDesk(), `/v1/response-targets?at=2026-11-27T17:30:00%2B07:00${query}`);
}
const dueText = (body: ResponseTargets, severity: number) =>
  body.targets.find((t) => t.severity === severity)?.dueText;

describe('GET /v1/response-targets: worded due times', () => {
  it('words each due time in WIB, in English and Indonesian, without a tz', async () => {
    const body = (await (await targets('')).json()) as ResponseTargets;
    // Friday 17:30 WIB + 120 business minutes: Monday 10:30 WIB
    expect(dueText(body, 1)).toEqual({ en: 'Mon 30 Nov, 10:30 WIB', id: 'Sen, 30 Nov, 10.30 WIB' });
    expect(body.nextOpenText).toEqual({ en: 'Fri 27 Nov, 17:30 WIB', id: 'Jum, 27 Nov, 17.30 WIB' });
  });

  it('words them in a user zone east of WIB (Asia/Makassar: WITA) with the WIB time beside', async () => {
    const body = (await (await targets('&tz=Asia/Makassar')).json()) as ResponseTargets;
    expect(dueText(body, 1)).toEqual({
      en: 'Mon 30 Nov, 11:30 WITA (10:30 WIB)',
      id: 'Sen, 30 Nov, 11.30 WITA (10.30 WIB)',
    });
    // severity 4: 1080 business minutes (18 hours), on Tuesday 1 December (Indonesian "Sel", "Des")
    expect(dueText(body, 4)).toEqual({
      en: 'Tue 1 Dec, 18:30 WITA (17:30 WIB)',
      id: 'Sel, 1 Des, 18.30 WITA (17.30 WIB)',
    });
  });

  it('words them in Europe/London, its clock a day part behind', async () => {
    const body = (await (await targets('&tz=Europe/London')).json()) as ResponseTargets;
    expect(dueText(body, 1)?.en).toBe('Mon 30 Nov, 03:30 GMT (10:30 WIB)');
    expect(dueText(body, 1)?.id).toBe('Sen, 30 Nov, 03.30 GMT (10.30 WIB)');
    expect(body.nextOpenText.en).toBe('Fri 27 Nov, 10:30 GMT (17:30 WIB)');
  });

  it('words the times in WIB for a zone the server does not know, and refuses a value no zone can be', async () => {
    const wib = (await (await targets('')).json()) as ResponseTargets;
    for (const tz of ['Mars/Olympus', 'WIB']) {
      const res = await targets(`&tz=${tz}`);
      expect(res.status, tz).toBe(200);
      const body = (await res.json()) as ResponseTargets;
      expect(
        body.targets.map((t) => t.dueText),
        tz,
      ).toEqual(wib.targets.map((t) => t.dueText));
    }
    const res = await targets(`&tz=${'x'.repeat(65)}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { path: string }[] } };
    expect(body.error.code).toBe('validation_failed');
    expect(new Set(body.error.details.map((d) => d.path))).toEqual(new Set(['tz']));
  });
});

describe('GET /v1/widget/config: worded opening time', () => {
  // Saturday 5 December 2026, 10:00 WIB: closed until Monday 09:00 WIB.
  pinClock('2026-12-05T10:00:00+07:00');

  it('words the next opening in the user zone, in both languages', async () => {
    const fx = await makeDesk();
    const wib = (await (await getWidget(fx, '/v1/widget/config')).json()) as WidgetConfig;
    expect(wib.nextOpenText).toEqual({ en: 'Mon 7 Dec, 09:00 WIB', id: 'Sen, 7 Des, 09.00 WIB' });
    const wita = (await (await getWidget(fx, '/v1/widget/config?tz=Asia/Makassar')).json()) as WidgetConfig;
    expect(wita.nextOpenText).toEqual({
      en: 'Mon 7 Dec, 10:00 WITA (09:00 WIB)',
      id: 'Sen, 7 Des, 10.00 WITA (09.00 WIB)',
    });
    const london = (await (await getWidget(fx, '/v1/widget/config?tz=Europe/London')).json()) as WidgetConfig;
    expect(london.nextOpenText.en).toBe('Mon 7 Dec, 02:00 GMT (09:00 WIB)');
  });

  it('words an unknown time zone in WIB instead of failing the config', async () => {
    const fx = await makeDesk();
    const res = await getWidget(fx, '/v1/widget/config?tz=Nowhere/Atlantis');
    expect(res.status).toBe(200);
    const wib = (await (await getWidget(fx, '/v1/widget/config')).json()) as WidgetConfig;
    expect(((await res.json()) as WidgetConfig).nextOpenText).toEqual(wib.nextOpenText);
  });
});

describe('POST /v1/tickets: the worded first-response due time', () => {
  // Monday 30 November 2026, 10:00 WIB, inside the hours.
  pinClock('2026-11-30T10:00:00+07:00');

  const post = async (timeZone?: string) => {
    const fx = await makeDesk();
    const body = ticketBody({
      environment: { userAgent: 'test', cookiesEnabled: true, ...(timeZone ? { timeZone } : {}) },
    });
    const res = await postTicket(fx, body);
    expect(res.status).toBe(201);
    return (await res.json()) as TicketCreated;
  };

  it('words it in the reported zone, beside WIB', async () => {
    const t = await post('Asia/Makassar');
    expect(t.firstResponseDueAt).toBe('2026-11-30T05:00:00.000Z');
    expect(t.firstResponseDueText).toEqual({
      en: 'Mon 30 Nov, 13:00 WITA (12:00 WIB)',
      id: 'Sen, 30 Nov, 13.00 WITA (12.00 WIB)',
    });
  });

  it('words it in WIB when the zone is not reported or unknown', async () => {
    const wib = { en: 'Mon 30 Nov, 12:00 WIB', id: 'Sen, 30 Nov, 12.00 WIB' };
    expect((await post()).firstResponseDueText).toEqual(wib);
    expect((await post('Mars/Olympus')).firstResponseDueText).toEqual(wib);
  });

  it('gives the same words on an idempotent replay', async () => {
    const fx = await makeDesk();
    const body = ticketBody({ environment: { userAgent: 'test', timeZone: 'Europe/London' } });
    const first = (await (
      await postTicket(fx, body, { idempotencyKey: 'k-worded' })
    ).json()) as TicketCreated;
    const again = await postTicket(fx, body, { idempotencyKey: 'k-worded' });
    expect(again.status).toBe(200);
    expect(((await again.json()) as TicketCreated).firstResponseDueText).toEqual(first.firstResponseDueText);
    expect(first.firstResponseDueText?.en).toBe('Mon 30 Nov, 05:00 GMT (12:00 WIB)');
  });
});
