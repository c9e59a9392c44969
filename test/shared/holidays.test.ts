import { describe, expect, it } from 'vitest';
import { holidayYearsCovered, INDONESIA_HOLIDAYS } from '../../shared/holidays/index';

const y2026 = INDONESIA_HOLIDAYS.years[2026];
const weekday = (date: string) => new Date(`${date}T00:00Z`).getUTCDay(); // 0 = Sunday

describe('INDONESIA_HOLIDAYS', () => {
  it('covers 2026 only: 2027 stays missing so the warning shows', () => {
    expect(holidayYearsCovered(INDONESIA_HOLIDAYS)).toEqual([2026]);
    expect(INDONESIA_HOLIDAYS.years[2027]).toBeUndefined();
  });

  it('ships the 17 national holidays and 8 cuti bersama days of the 2026 decree with its source', () => {
    expect(y2026?.national).toHaveLength(17);
    expect(y2026?.collectiveLeave).toHaveLength(8);
    expect(y2026?.source).toMatch(/SKB|1497\/2025/);
  });

  it('has valid, unique 2026 dates with no day both a holiday and collective leave', () => {
    const all = [...(y2026?.national ?? []), ...(y2026?.collectiveLeave ?? [])].map((h) => h.date);
    for (const d of all) {
      expect(d).toMatch(/^2026-\d\d-\d\d$/);
      expect(new Date(`${d}T00:00Z`).toISOString().slice(0, 10)).toBe(d);
    }
    expect(new Set(all).size).toBe(all.length);
  });

  it('places well-known days on the right weekday (Christmas Friday, Idul Fitri Saturday–Sunday)', () => {
    const national = new Map(y2026?.national.map((h) => [h.date, h.name]));
    expect(national.get('2026-12-25')).toMatch(/Natal/);
    expect(weekday('2026-12-25')).toBe(5);
    expect(national.get('2026-03-21')).toMatch(/Idul Fitri/);
    expect([weekday('2026-03-21'), weekday('2026-03-22')]).toEqual([6, 0]);
    expect(y2026?.collectiveLeave.map((h) => h.date)).toContain('2026-12-24');
  });

  it('counts the years of any set passed in, ascending', () => {
    expect(
      holidayYearsCovered({
        source: 't',
        years: { 2028: { national: [], collectiveLeave: [] }, 2026: { national: [], collectiveLeave: [] } },
      }),
    ).toEqual([2026, 2028]);
  });
});
