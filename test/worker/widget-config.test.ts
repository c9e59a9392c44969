import { describe, expect, it } from 'vitest';
import { POLICY_SUMMARY } from '../../shared/browser-policy';
import { isOpen, nextOpening } from '../../shared/calendar';
import type { WidgetConfig } from '../../shared/schema';
import { SEVERITY_TABLE } from '../../shared/severity';
import { compileCoverage, STANDARD_COVERAGE } from '../../shared/targets';
import { makeTenant, standardCoverageJson } from './fixtures';
import { getWidget } from './intake-helpers';

const standard = compileCoverage(STANDARD_COVERAGE);

describe('GET /v1/widget/config', () => {
  it('returns the tenant, its hours, open now, the severity questions and the browser policy', async () => {
    const fx = await makeTenant();
    const before = Date.now();
    const res = await getWidget(fx, '/v1/widget/config');
    expect(res.status).toBe(200);
    const body = (await res.json()) as WidgetConfig;
    expect(body.tenant).toEqual({ name: expect.stringContaining('Tenant'), locale: 'id' });
    expect(body.hours).toEqual({
      timeZone: 'Asia/Jakarta',
      windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }],
      holidays: 'id',
      closeCollectiveLeave: false,
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
  });

  it("follows the tenant's own coverage: a 24x7 calendar is always open", async () => {
    const fx = await makeTenant({
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
  });

  it('falls back to standard coverage, with a warning, when the stored coverage is invalid', async () => {
    const fx = await makeTenant({ coverage: { calendar: { timeZone: 'Mars/Olympus' } } });
    const body = (await (await getWidget(fx, '/v1/widget/config')).json()) as WidgetConfig;
    expect(body.hours.timeZone).toBe('Asia/Jakarta');
    expect(body.warnings.join(' ')).toMatch(/coverage on file is invalid/);
  });
});
