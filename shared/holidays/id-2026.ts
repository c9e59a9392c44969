import type { HolidayYear } from './types';

/** Indonesian national holidays and collective leave (cuti bersama) for 2026, copied from the SKB. */
export const ID_2026: HolidayYear = {
  source:
    'Joint decree (SKB) of the Minister of Religious Affairs, Minister of Manpower and Minister of State Apparatus Empowerment No. 1497/2025, 2/2025, 5/2025 on national holidays and collective leave (cuti bersama) for 2026. Idul Fitri 1447 H confirmed by the isbat session of 19 March 2026.',
  notes:
    'Collective leave is optional for private employers (Ministry of Manpower circulars): a business day unless the provider chooses to close.',
  national: [
    { date: '2026-01-01', name: 'Tahun Baru 2026 Masehi' },
    { date: '2026-01-16', name: "Isra Mi'raj Nabi Muhammad SAW" },
    { date: '2026-02-17', name: 'Tahun Baru Imlek 2577 Kongzili' },
    { date: '2026-03-19', name: 'Hari Suci Nyepi (Tahun Baru Saka 1948)' },
    { date: '2026-03-21', name: 'Idul Fitri 1447 H (hari pertama)' },
    { date: '2026-03-22', name: 'Idul Fitri 1447 H (hari kedua)' },
    { date: '2026-04-03', name: 'Wafat Yesus Kristus' },
    { date: '2026-04-05', name: 'Kebangkitan Yesus Kristus (Paskah)' },
    { date: '2026-05-01', name: 'Hari Buruh Internasional' },
    { date: '2026-05-14', name: 'Kenaikan Yesus Kristus' },
    { date: '2026-05-27', name: 'Idul Adha 1447 H' },
    { date: '2026-05-31', name: 'Hari Raya Waisak 2570 BE' },
    { date: '2026-06-01', name: 'Hari Lahir Pancasila' },
    { date: '2026-06-16', name: 'Tahun Baru Islam 1448 H' },
    { date: '2026-08-17', name: 'Proklamasi Kemerdekaan Republik Indonesia' },
    { date: '2026-08-25', name: 'Maulid Nabi Muhammad SAW' },
    { date: '2026-12-25', name: 'Kelahiran Yesus Kristus (Natal)' },
  ],
  collectiveLeave: [
    { date: '2026-02-16', name: 'Cuti bersama Tahun Baru Imlek' },
    { date: '2026-03-18', name: 'Cuti bersama Hari Suci Nyepi' },
    { date: '2026-03-20', name: 'Cuti bersama Idul Fitri' },
    { date: '2026-03-23', name: 'Cuti bersama Idul Fitri' },
    { date: '2026-03-24', name: 'Cuti bersama Idul Fitri' },
    { date: '2026-05-15', name: 'Cuti bersama Kenaikan Yesus Kristus' },
    { date: '2026-05-28', name: 'Cuti bersama Idul Adha' },
    { date: '2026-12-24', name: 'Cuti bersama Natal' },
  ],
};
