import { describe, expect, it } from 'vitest';
import { holidayYearsCovered, INDONESIA_HOLIDAYS } from '../../shared/holidays/index';

const y2026 = INDONESIA_HOLIDAYS.years[2026];
const y2027 = INDONESIA_HOLIDAYS.years[2027];
const weekday = (date: string) => new Date(`${date}T00:00Z`).getUTCDay(); // 0 = Sunday

describe('INDONESIA_HOLIDAYS', () => {
  it('covers 2026 (decree) and 2027 (provisional): 2028 stays missing so the warning shows', () => {
    expect(holidayYearsCovered(INDONESIA_HOLIDAYS)).toEqual([2026, 2027]);
    expect(INDONESIA_HOLIDAYS.years[2028]).toBeUndefined();
    expect(y2026?.status).toBeUndefined();
    expect(y2027?.status).toBe('provisional');
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

describe('2027, provisional', () => {
  const national = y2027?.national ?? [];
  const byName = (re: RegExp) => national.filter((h) => re.test(h.name));

  it('ships the five fixed-date holidays as certain, with no provisional mark', () => {
    const fixed = ['2027-01-01', '2027-05-01', '2027-06-01', '2027-08-17', '2027-12-25'];
    for (const date of fixed) {
      const h = national.find((x) => x.date === date && !x.provisional);
      expect(h, date).toBeDefined();
      expect(h?.alternatives).toBeUndefined();
    }
  });

  it('marks every moveable holiday provisional and names its sources', () => {
    const moveable = national.filter((h) => h.provisional);
    expect(moveable.length).toBe(national.length - 5);
    for (const h of moveable) expect(h.sources, h.name).toMatch(/\S/);
  });

  it('records where sources disagree: Nyepi, Idul Fitri, Idul Adha and 1 Muharram', () => {
    expect(byName(/Nyepi/).map((h) => [h.date, h.alternatives])).toEqual([['2027-03-08', ['2027-03-09']]]);
    expect(byName(/Idul Fitri/).map((h) => [h.date, h.alternatives])).toEqual([
      ['2027-03-10', ['2027-03-09']],
      ['2027-03-11', ['2027-03-10']],
    ]);
    expect(byName(/Idul Adha/).map((h) => [h.date, h.alternatives])).toEqual([
      ['2027-05-17', ['2027-05-16']],
    ]);
    expect(byName(/Tahun Baru Islam/).map((h) => [h.date, h.alternatives])).toEqual([
      ['2027-06-06', ['2027-06-07']],
    ]);
  });

  it('has valid 2027 dates and alternatives, and no cuti bersama (unknown until the decree)', () => {
    for (const h of national) {
      for (const d of [h.date, ...(h.alternatives ?? [])]) {
        expect(d).toMatch(/^2027-\d\d-\d\d$/);
        expect(new Date(`${d}T00:00Z`).toISOString().slice(0, 10)).toBe(d);
      }
      expect(h.alternatives ?? []).not.toContain(h.date);
    }
    expect(y2027?.collectiveLeave).toEqual([]);
    expect(y2027?.notes).toMatch(/decree/i);
  });
});
