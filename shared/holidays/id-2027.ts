import type { Holiday, HolidayYear } from './types';

// Source keys, as in the compiled predictions (data/holidays-id-2027-provisional.json).
const G = "Google Calendar 'Hari Libur di Indonesia' (saved 2025-07-12)";
const K = 'kresnasatya/api-harilibur (kalenderbali.org)';
const T = 'tanggalans.com/kalender-2027 (modified 2026-06-16)';
const H = 'husniadil.com/calendar/2027';
const D = 'npm date-holidays 3.37.0 (tabular Islamic calendar)';
const ALL = [G, K, T, H, D].join('; ');

const fixed = (date: string, name: string): Holiday => ({ date, name, sources: 'Fixed by law.' });
const predicted = (date: string, name: string, sources: string, alternatives?: string[]): Holiday => ({
  date,
  name,
  provisional: true,
  sources,
  ...(alternatives ? { alternatives } : {}),
});

/**
 * Indonesian national holidays for 2027 as PROVISIONAL data: no joint decree (SKB) for 2027 was
 * available. Fixed-date holidays are certain; moveable ones are published predictions, each with
 * its sources and, where they disagree, the other dates named. Cuti bersama is unknown (empty).
 * Replace the whole year with the decree when it is published.
 */
export const ID_2027: HolidayYear = {
  status: 'provisional',
  source: `Predictions, no SKB yet. Sources: ${ALL}. Past SKBs appeared in September–November of the year before and were amended mid-year.`,
  notes:
    'Provisional until the joint ministerial decree (SKB) for 2027 is loaded. Cuti bersama for 2027 is unknown: none of the sources lists it.',
  national: [
    fixed('2027-01-01', 'Tahun Baru 2027 Masehi'),
    predicted('2027-01-05', "Isra Mi'raj Nabi Muhammad SAW", `all agree: ${ALL}`),
    predicted('2027-02-06', 'Tahun Baru Imlek 2578 Kongzili', `all agree (Saturday): ${ALL}`),
    predicted(
      '2027-03-08',
      'Hari Suci Nyepi (Tahun Baru Saka 1949)',
      `8 Mar: ${G}; ${K}; ${D}. 9 Mar: ${T}; ${H}`,
      ['2027-03-09'],
    ),
    predicted(
      '2027-03-10',
      'Idul Fitri 1448 H (hari pertama)',
      `10–11 Mar: ${G}; ${K}; ${T}; ${H}. 9–10 Mar: ${D}. Final date set by the isbat session`,
      ['2027-03-09'],
    ),
    predicted('2027-03-11', 'Idul Fitri 1448 H (hari kedua)', 'as the first day', ['2027-03-10']),
    predicted('2027-03-26', 'Wafat Yesus Kristus', `computus; all agree: ${ALL}`),
    predicted(
      '2027-03-28',
      'Kebangkitan Yesus Kristus (Paskah)',
      'computus; a national holiday since Keppres 8/2024 (Sunday)',
    ),
    fixed('2027-05-01', 'Hari Buruh Internasional'),
    predicted('2027-05-06', 'Kenaikan Yesus Kristus', `computus; all agree: ${ALL}`),
    predicted(
      '2027-05-17',
      'Idul Adha 1448 H',
      `17 May (Monday): ${K}; ${T}. 16 May (Sunday): ${G}; ${H}; ${D}`,
      ['2027-05-16'],
    ),
    predicted('2027-05-20', 'Hari Raya Waisak 2571 BE', `all agree: ${ALL}`),
    fixed('2027-06-01', 'Hari Lahir Pancasila'),
    predicted(
      '2027-06-06',
      'Tahun Baru Islam 1449 H',
      `6 Jun (Sunday): ${K}; ${T}; ${H}; ${D}. 7 Jun (Monday): ${G}`,
      ['2027-06-07'],
    ),
    predicted(
      '2027-08-15',
      'Maulid Nabi Muhammad SAW',
      `15 Aug (Sunday): ${G}; ${K}; ${T}; ${H}. 14 Aug (Saturday): ${D}`,
      ['2027-08-14'],
    ),
    fixed('2027-08-17', 'Proklamasi Kemerdekaan Republik Indonesia'),
    fixed('2027-12-25', 'Kelahiran Yesus Kristus (Natal)'),
    predicted(
      '2027-12-25',
      "Isra Mi'raj Nabi Muhammad SAW (1449 H)",
      `25 Dec: ${K}; ${H}; ${D}. 26 Dec: ${T} (weekend either way)`,
      ['2027-12-26'],
    ),
  ],
  collectiveLeave: [],
};
