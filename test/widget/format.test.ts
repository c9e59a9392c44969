import { describe, expect, it } from 'vitest';
import { formatDue, isTimeZone, timeTexts } from '../../widget/format';

describe('formatDue', () => {
  it('shows WIB for a user in Jakarta, in English and Indonesian', () => {
    expect(formatDue('2026-11-30T06:00:00.000Z', 'en', 'Asia/Jakarta')).toBe('Mon 30 Nov, 13:00 WIB');
    expect(formatDue('2026-11-30T06:00:00.000Z', 'id', 'Asia/Jakarta')).toBe('Sen, 30 Nov, 13.00 WIB');
  });

  it('shows the user their own zone and the WIB time beside it', () => {
    expect(formatDue('2026-11-30T06:00:00.000Z', 'en', 'Asia/Makassar')).toBe(
      'Mon 30 Nov, 14:00 WITA (13:00 WIB)',
    );
    expect(formatDue('2026-11-30T06:00:00.000Z', 'en', 'Europe/Berlin')).toBe(
      'Mon 30 Nov, 07:00 CET (13:00 WIB)',
    );
  });

  it('treats another zone at UTC+7 as WIB and falls back to WIB for an unknown zone', () => {
    expect(formatDue('2026-11-30T06:00:00.000Z', 'en', 'Asia/Bangkok')).toBe('Mon 30 Nov, 13:00 WIB');
    expect(formatDue('2026-11-30T06:00:00.000Z', 'en', 'Mars/Olympus')).toBe('Mon 30 Nov, 13:00 WIB');
  });
});

describe('timeTexts', () => {
  it('words an instant in both languages, for the user zone beside the support zone', () => {
    expect(timeTexts('2026-11-30T06:00:00.000Z', 'Asia/Jayapura')).toEqual({
      en: 'Mon 30 Nov, 15:00 WIT (13:00 WIB)',
      id: 'Sen, 30 Nov, 15.00 WIT (13.00 WIB)',
    });
    expect(timeTexts('2026-12-02T04:00:00.000Z', 'Asia/Jakarta', 'Asia/Makassar').id).toBe(
      'Rab, 2 Des, 11.00 WIB (12.00 WITA)',
    );
  });
});

describe('timeTexts: a zone Intl does not know', () => {
  it('is worded as WIB, beside the support zone like any WIB user', () => {
    const at = '2026-12-02T04:00:00.000Z';
    for (const zone of ['Mars/Olympus', '', undefined]) {
      expect(timeTexts(at, zone, 'Asia/Makassar')).toEqual(timeTexts(at, 'Asia/Jakarta', 'Asia/Makassar'));
      expect(timeTexts(at, zone)).toEqual(timeTexts(at, 'Asia/Jakarta'));
    }
  });
});

describe('isTimeZone', () => {
  it('knows IANA zones and UTC, and not made-up names or abbreviations', () => {
    expect(['Europe/London', 'Asia/Makassar', 'UTC'].map(isTimeZone)).toEqual([true, true, true]);
    expect(['Mars/Olympus', 'WIB', ''].map(isTimeZone)).toEqual([false, false, false]);
  });
});
