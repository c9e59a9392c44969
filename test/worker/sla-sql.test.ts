import { describe, expect, it } from 'vitest';
import { slaState } from '../../shared/sla';
import { compileCoverage, firstResponseDue, STANDARD_COVERAGE } from '../../shared/targets';
import { atRiskAt, slaStateOfRow } from '../../shared/ticket-clock';

const cov = compileCoverage(STANDARD_COVERAGE);
const wib = (s: string) => Date.parse(`${s}+07:00`);

describe('atRiskAt and slaStateOfRow (the SQL rule)', () => {
  it('puts the at-risk instant where 75% of the target has elapsed', () => {
    // Severity 1 at Monday 09:00 WIB: 90 of 120 business minutes → 10:30.
    const due = firstResponseDue(cov, 1, wib('2026-11-30T09:00:00'));
    expect(atRiskAt(cov, 1, due.clockStartsAt, due.businessMinutes)).toBe(wib('2026-11-30T10:30:00'));
  });

  it('moves the at-risk instant to the next opening when 75% is reached exactly at closing time', () => {
    // Severity 1 at Monday 16:30: 90 minutes → 18:00; 25% stays left overnight.
    const due = firstResponseDue(cov, 1, wib('2026-11-30T16:30:00'));
    expect(atRiskAt(cov, 1, due.clockStartsAt, due.businessMinutes)).toBe(wib('2026-12-01T09:00:00'));
  });

  it('agrees with shared/sla.ts slaState at every sampled instant, boundaries included', () => {
    const created = [
      wib('2026-11-30T16:30:00'),
      wib('2026-11-27T17:30:00'),
      wib('2026-11-28T11:00:00'),
      wib('2026-12-24T10:00:00'),
      wib('2026-03-16T09:00:00'),
      wib('2026-06-01T08:59:59.999'),
    ];
    let compared = 0;
    for (const createdAt of created) {
      for (const severity of [1, 2, 3, 4] as const) {
        const due = firstResponseDue(cov, severity, createdAt);
        const risk = atRiskAt(cov, severity, due.clockStartsAt, due.businessMinutes);
        const instants = [
          createdAt,
          risk - 1,
          risk,
          risk + 1,
          risk + 3_600_000,
          due.dueAt - 1,
          due.dueAt,
          due.dueAt + 1,
        ];
        for (let k = 0; k < 48; k++) instants.push(createdAt + k * 1_800_000);
        for (const now of instants) {
          for (const firstResponseAt of [null, due.dueAt - 1, due.dueAt, due.dueAt + 1]) {
            if (firstResponseAt !== null && firstResponseAt > now) continue;
            const row = { firstResponseAt, firstResponseDueAt: due.dueAt, atRiskAt: risk };
            const rule = slaState(cov, { severity, createdAt, dueAt: due.dueAt, firstResponseAt }, now);
            expect(slaStateOfRow(row, now), `sev ${severity} created ${createdAt} now ${now}`).toBe(rule);
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
