import { exports } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { POLICY_SUMMARY } from '../../shared/browser-policy';
import { isOpen, nextOpening } from '../../shared/calendar';
import type { WidgetConfig } from '../../shared/schema';
import { SEVERITY_TABLE } from '../../shared/severity';
import { compileCoverage, STANDARD_COVERAGE } from '../../shared/targets';
import { makeDesk, standardCoverageJson } from './fixtures';
import { getWidget } from './intake-helpers';
import { pinClock } from './pin-clock';

const standard = compileCoverage(STANDARD_COVERAGE);

describe('GET /v1/widget/config', () => {
  // Saturday 5 December 2026, 10:00 WIB: standard support is closed until Monday 09:00.
  pinClock('2026-12-05T10:00:00+07:00');

  it('says support is open, and that it opens now, inside the hours (Monday 10:00 WIB)', async () => {
    vi.setSystemTime(Date.parse('2026-12-07T10:00:00+07:00'));
    const body = (await (await getWidget(await makeDesk(), '/v1/widget/config')).json()) as WidgetConfig;
    expect(body.open).toBe(true);
    expect(body.nextOpenAt).toBe('2026-12-07T03:00:00.000Z');
  });

  it('returns the organisation of a bound key, its hours, open now, the severity questions and the browser policy', async () => {
    const fx = await makeDesk();
    const before = Date.now();
    const res = await getWidget(fx, '/v1/widget/config');
    expect(res.status).toBe(200);
    const body = (await res.json()) as WidgetConfig;
    expect(body.tenant).toEqual({ name: `Organisation ${fx.slug}`, locale: 'id' });
    expect(body.organisation).toEqual({ slug: fx.slug, name: `Organisation ${fx.slug}`, locale: 'id' });
    expect(body.desk).toEqual({ name: `Desk ${fx.slug}` });
    expect(body.hours).toEqual({
      timeZone: 'Asia/Jakarta',
      windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }],
      holidays: 'id',
      closeCollectiveLeave: false,
    });
    expect(body.open).toBe(false);
    expect(body.nextOpenAt).toBe('2026-12-07T02:00:00.000Z');
    // worded here, in both languages (the widget ships no calendar wording): in workerd's Intl
    expect(body.hoursText).toEqual({
      en: 'Support hours: Monday–Friday, 09:00–18:00 WIB, except national holidays.',
      id: 'Jam dukungan: Senin–Jumat, 09.00–18.00 WIB, kecuali hari libur nasional.',
    });
    expect(body.open).toBe(isOpen(standard.calendar, before));
    expect(body.nextOpenAt).toBe(new Date(nextOpening(standard.calendar, before)).toISOString());
    for (const [affected, row] of Object.entries(SEVERITY_TABLE)) {
      for (const [workaround, cell] of Object.entries(row)) {
        expect(body.severityQuestions.severity[affected as 'service_unavailable'][workaround as 'none']).toBe(
          cell.severity,
        );
      }
    }
    expect(body.severityQuestions.affected).toHaveLength(4);
    expect(body.severityQuestions.workaround).toEqual(['none', 'limited', 'reasonable']);
    expect(body.browserPolicy).toEqual(POLICY_SUMMARY);
    // standard coverage: every severity on the default calendar, so no override list at all
    expect('coverage' in body).toBe(false);
  });

  it('lists a severity covered 24x7 with its own hours and open state, and only that one', async () => {
    const allWeek = {
      timeZone: 'Asia/Jakarta',
      windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }],
      holidays: 'none',
    };
    const fx = await makeDesk({
      coverage: {
        ...standardCoverageJson,
        targets: {
          ...standardCoverageJson.targets,
          '1': { businessMinutes: 60, calendar: allWeek },
          // its own calendar, but the same as the default one: not an override the widget must show
          '2': {
            businessMinutes: 240,
            calendar: { ...standardCoverageJson.calendar, closeCollectiveLeave: false },
          },
        },
      },
    });
    const before = Date.now();
    const body = (await (await getWidget(fx, '/v1/widget/config')).json()) as WidgetConfig;
    expect(body.coverage).toEqual([
      {
        severity: 1,
        hours: { ...allWeek, closeCollectiveLeave: false },
        hoursText: {
          en: 'Severity 1 is covered 24 hours a day, 7 days a week.',
          id: 'Severity 1 dilayani 24 jam sehari, 7 hari seminggu.',
        },
        open: true,
        nextOpenAt: expect.any(String),
        // always open: worded as the moment of the request (the clock is pinned)
        nextOpenText: { en: 'Sat 5 Dec, 10:00 WIB', id: 'Sab, 5 Des, 10.00 WIB' },
      },
    ]);
    const nextOpenAt = Date.parse(body.coverage?.[0]?.nextOpenAt ?? '');
    // always open: the next opening is the moment of the request
    expect(nextOpenAt).toBeGreaterThanOrEqual(before);
    expect(nextOpenAt).toBeLessThanOrEqual(Date.now());
    // the default line still describes the default calendar
    expect(body.hours.windows).toEqual(standardCoverageJson.calendar.windows);
    expect(body.open).toBe(false);
    expect(body.nextOpenAt).toBe('2026-12-07T02:00:00.000Z');
    expect(body.open).toBe(isOpen(standard.calendar, before));
  });

  it("follows the tenant's own coverage: a 24x7 calendar is always open", async () => {
    const fx = await makeDesk({
      coverage: {
        ...standardCoverageJson,
        calendar: {
          timeZone: 'Asia/Jayapura',
          windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }],
          holidays: 'none',
        },
      },
    });
    const body = (await (await getWidget(fx, '/v1/widget/config')).json()) as WidgetConfig;
    expect(body.open).toBe(true);
    expect(body.hours.timeZone).toBe('Asia/Jayapura');
    expect(body.hoursText.id).toBe('Jam dukungan: Senin–Minggu, 00.00–24.00 WIT.');
  });

  it('falls back to standard coverage, with a warning, when the stored coverage is invalid', async () => {
    const fx = await makeDesk({ coverage: { calendar: { timeZone: 'Mars/Olympus' } } });
    const body = (await (await getWidget(fx, '/v1/widget/config')).json()) as WidgetConfig;
    expect(body.hours.timeZone).toBe('Asia/Jakarta');
    expect(body.warnings.join(' ')).toMatch(/coverage on file is invalid/);
  });
});

describe('GET /v1/openapi.json: the widget config', () => {
  it('documents the optional per-severity coverage list and the worded hours', async () => {
    const doc = (await (await exports.default.fetch('http://api.test/v1/openapi.json')).json()) as {
      paths: Record<
        string,
        { get?: { responses: Record<string, { content: Record<string, { schema: Schema }> }> } }
      >;
    };
    type Schema = { properties?: Record<string, Schema>; required?: string[]; items?: Schema };
    const schema = doc.paths['/v1/widget/config']?.get?.responses['200']?.content['application/json']?.schema;
    const coverage = schema?.properties?.coverage;
    expect(coverage?.items?.properties && Object.keys(coverage.items.properties)).toEqual([
      'severity',
      'hours',
      'hoursText',
      'open',
      'nextOpenAt',
      'nextOpenText',
    ]);
    expect(schema?.required).not.toContain('coverage');
    expect(schema?.required).toContain('hours');
    expect(schema?.required).toContain('hoursText');
    expect(schema?.required).toContain('nextOpenText');
  });
});

describe('GET /v1/widget/config: the verdict on the browser asking', () => {
  const CHROME_130 =
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
  const SAFARI_12 =
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1.2 Safari/605.1.15';

  it('says a current Chrome is supported and names it', async () => {
    const fx = await makeDesk();
    const res = await getWidget(fx, '/v1/widget/config', { 'User-Agent': CHROME_130 });
    const body = (await res.json()) as WidgetConfig;
    expect(body.environment).toEqual({
      supported: true,
      reasons: [],
      browser: { name: 'Chrome', version: '130.0.0.0' },
      os: 'Windows',
      deviceType: 'desktop',
    });
  });

  it('says Safari 12 is not supported, with the user agent it judged', async () => {
    const fx = await makeDesk();
    const body = (await (
      await getWidget(fx, '/v1/widget/config', { 'User-Agent': SAFARI_12 })
    ).json()) as WidgetConfig;
    expect(body.environment.supported).toBe(false);
    expect(body.environment.reasons).toEqual([{ code: 'unsupported_browser', userAgent: SAFARI_12 }]);
    expect(body.environment.browser).toEqual({ name: 'Safari', version: '12.1.2' });
    expect(body.environment.os).toBe('macOS');
  });

  it('says a request without a User-Agent is not a supported browser', async () => {
    const fx = await makeDesk();
    const body = (await (
      await getWidget(fx, '/v1/widget/config', { 'User-Agent': '' })
    ).json()) as WidgetConfig;
    expect(body.environment.supported).toBe(false);
    expect(body.environment.reasons).toEqual([{ code: 'unsupported_browser', userAgent: '' }]);
    expect(body.environment.deviceType).toBe('unknown');
  });
});
