import { describe, expect, it } from 'vitest';
import { describeHours, hoursTexts, STANDARD_HOURS } from '../../widget/hours';
import { stringsFor } from '../../widget/strings';

describe('describeHours', () => {
  it("states the standard hours of the guide in both languages, as the panel's own fallback words them", () => {
    expect(describeHours(STANDARD_HOURS, 'en')).toBe(stringsFor('en').standardHours);
    expect(describeHours(STANDARD_HOURS, 'id')).toBe(stringsFor('id').standardHours);
    expect(describeHours(STANDARD_HOURS, 'en')).toBe(
      'Support hours: Monday–Friday, 09:00–18:00 WIB, except national holidays.',
    );
    expect(describeHours(STANDARD_HOURS, 'id')).toBe(
      'Jam dukungan: Senin–Jumat, 09.00–18.00 WIB, kecuali hari libur nasional.',
    );
  });

  it('lists every window of a tenant with extended hours, in its own zone, with collective leave', () => {
    const hours = {
      timeZone: 'Asia/Makassar',
      windows: [
        { days: [1, 2, 3, 4, 5], start: '07:00', end: '22:00' },
        { days: [6], start: '08:00', end: '12:00' },
      ],
      holidays: 'id',
      closeCollectiveLeave: true,
    };
    expect(describeHours(hours, 'en')).toBe(
      'Support hours: Monday–Friday, 07:00–22:00; Saturday, 08:00–12:00 WITA, except national holidays and collective leave days (cuti bersama).',
    );
  });

  it('says nothing about holidays for a round-the-clock calendar without them, and names a foreign zone', () => {
    const hours = {
      timeZone: 'Europe/Berlin',
      windows: [{ days: [7, 1, 2, 3, 4, 5, 6], start: '00:00', end: '24:00' }],
      holidays: 'none',
      closeCollectiveLeave: false,
    };
    expect(describeHours(hours, 'en', new Date('2026-11-30T03:00:00Z'))).toBe(
      'Support hours: Monday–Sunday, 00:00–24:00 CET.',
    );
    const split = { ...hours, windows: [{ days: [1, 3, 4], start: '10:00', end: '12:00' }] };
    expect(describeHours(split, 'id')).toMatch(/^Jam dukungan: Senin, Rabu, Kamis, 10\.00–12\.00 /);
  });

  it("names the severity for a severity's own calendar, and says 24x7 only when every day is whole", () => {
    const allWeek = {
      timeZone: 'Asia/Jakarta',
      windows: [
        { days: [1, 2, 3, 4, 5], start: '00:00', end: '24:00' },
        { days: [6, 7], start: '00:00', end: '24:00' },
      ],
      holidays: 'none',
      closeCollectiveLeave: false,
    };
    expect(describeHours(allWeek, 'en', undefined, 1)).toBe(
      'Severity 1 is covered 24 hours a day, 7 days a week.',
    );
    expect(describeHours({ ...allWeek, holidays: 'id' }, 'id', undefined, 1)).toBe(
      'Severity 1 dilayani 24 jam sehari, 7 hari seminggu, kecuali hari libur nasional.',
    );
    // six whole days are not 7 days a week: the windows are listed
    const sixDays = { ...allWeek, windows: [{ days: [1, 2, 3, 4, 5, 6], start: '00:00', end: '24:00' }] };
    expect(describeHours(sixDays, 'en', undefined, 2)).toBe(
      'Severity 2 support hours: Monday–Saturday, 00:00–24:00 WIB.',
    );
    expect(describeHours(STANDARD_HOURS, 'id', undefined, 2)).toBe(
      'Jam dukungan severity 2: Senin–Jumat, 09.00–18.00 WIB, kecuali hari libur nasional.',
    );
  });
});

describe('hoursTexts', () => {
  it("words a calendar in both languages, a severity's own too", () => {
    const at = new Date('2026-11-30T03:00:00Z');
    expect(hoursTexts(STANDARD_HOURS, at)).toEqual({
      en: 'Support hours: Monday–Friday, 09:00–18:00 WIB, except national holidays.',
      id: 'Jam dukungan: Senin–Jumat, 09.00–18.00 WIB, kecuali hari libur nasional.',
    });
    expect(hoursTexts(STANDARD_HOURS, at, 3).id).toBe(
      'Jam dukungan severity 3: Senin–Jumat, 09.00–18.00 WIB, kecuali hari libur nasional.',
    );
  });

  it('says the standard hours for a calendar whose zone Intl does not know, instead of throwing', () => {
    const odd = { ...STANDARD_HOURS, timeZone: 'Mars/Olympus_Mons' };
    expect(() => describeHours(odd, 'en')).toThrow(RangeError);
    expect(hoursTexts(odd).en).toBe(
      'Support hours: Monday–Friday, 09:00–18:00 WIB, except national holidays.',
    );
  });
});
