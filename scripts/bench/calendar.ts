// Due-time computations per second: ours vs dayjs-business-time, same instants, same run.
// dayjs-business-time works in the process time zone, so TZ must be Asia/Jakarta before dayjs
// loads (hence the dynamic imports below); with TZ=UTC it would silently compute UTC office hours.
process.env.TZ = 'Asia/Jakarta';

import { addBusinessMinutes, compileCalendar } from '../../shared/calendar';
import { INDONESIA_HOLIDAYS } from '../../shared/holidays/index';
import type { Severity } from '../../shared/schema';
import {
  compileCoverage,
  firstResponseDue,
  STANDARD_CALENDAR,
  STANDARD_COVERAGE,
  STANDARD_TARGET_MINUTES,
} from '../../shared/targets';

const { default: dayjs } = await import('dayjs');
const { default: businessTime } = await import('dayjs-business-time');

const SAMPLES = 20_000;
const YEAR_START = Date.parse('2026-01-01T00:00:00+07:00');
const YEAR_END = Date.parse('2027-01-01T00:00:00+07:00');
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648; // deterministic LCG: same instants each run
  return seed / 2_147_483_648;
};
// Whole minutes, so a library that works in minutes is compared fairly.
const instants = Array.from(
  { length: SAMPLES },
  () => Math.floor((YEAR_START + random() * (YEAR_END - YEAR_START)) / 60_000) * 60_000,
);
const minutesFor = (i: number) => STANDARD_TARGET_MINUTES[((i % 4) + 1) as Severity];

/** Calls `step(i)` in batches until `ms` have passed (or a hard cap); returns calls per second. */
function rate(step: (i: number) => number, ms: number, cap = 20_000_000): number {
  let sink = 0;
  for (let i = 0; i < 2_000; i++) sink += step(i % SAMPLES); // warm-up (JIT, day caches)
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < ms && calls < cap) {
    for (let i = 0; i < 1_000; i++, calls++) sink += step(calls % SAMPLES);
  }
  if (sink === 42) console.log('');
  return calls / ((performance.now() - start) / 1000);
}

const cal = compileCalendar(STANDARD_CALENDAR);
const cov = compileCoverage(STANDARD_COVERAGE);
const ours = rate((i) => addBusinessMinutes(cal, instants[i] as number, minutesFor(i)), 1500);
const oursFull = rate(
  (i) => firstResponseDue(cov, ((i % 4) + 1) as Severity, instants[i] as number).dueAt,
  1000,
);
const oursCold = rate(
  (i) =>
    firstResponseDue(compileCoverage(STANDARD_COVERAGE), ((i % 4) + 1) as Severity, instants[i] as number)
      .dueAt,
  1000,
);

dayjs.extend(businessTime);
const hours = [{ start: '09:00:00', end: '18:00:00' }];
dayjs.setBusinessTime({
  sunday: null,
  monday: hours,
  tuesday: hours,
  wednesday: hours,
  thursday: hours,
  friday: hours,
  saturday: null,
});
dayjs.setHolidays(INDONESIA_HOLIDAYS.years[2026]?.national.map((h) => h.date) ?? []);
const theirs = rate((i) => dayjs(instants[i]).addBusinessMinutes(minutesFor(i)).valueOf(), 1500, 50_000);

const CHECK = 2_000;
let equal = 0;
const diffs: string[] = [];
for (let i = 0; i < CHECK; i++) {
  const t = instants[i] as number;
  const a = addBusinessMinutes(cal, t, minutesFor(i));
  const b = dayjs(t).addBusinessMinutes(minutesFor(i)).valueOf();
  if (a === b) equal++;
  else if (diffs.length < 3) {
    const wib = (x: number) => new Date(x + 7 * 3_600_000).toISOString().slice(0, 16);
    diffs.push(`${wib(t)} +${minutesFor(i)} min: ours ${wib(a)}, dayjs-business-time ${wib(b)} (WIB)`);
  }
}

// The pitfall the issue warns about: the same library on a server whose clock is UTC.
process.env.TZ = 'UTC';
let equalUtc = 0;
for (let i = 0; i < CHECK; i++) {
  const t = instants[i] as number;
  if (addBusinessMinutes(cal, t, minutesFor(i)) === dayjs(t).addBusinessMinutes(minutesFor(i)).valueOf())
    equalUtc++;
}
process.env.TZ = 'Asia/Jakarta';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(
  `process TZ=${process.env.TZ} (dayjs-business-time uses it; ours takes the zone from the calendar)`,
);
console.log(`standard WIB calendar, ${fmt(SAMPLES)} random instants in 2026, severities 1-4 in turn`);
console.log(`ours  addBusinessMinutes:                 ${fmt(ours)} due times/s`);
console.log(`ours  firstResponseDue (+ clock start, holiday-year check): ${fmt(oursFull)} /s`);
console.log(`ours  compileCoverage + firstResponseDue per call (per-request shape): ${fmt(oursCold)} /s`);
console.log(`dayjs-business-time addBusinessMinutes:   ${fmt(theirs)} due times/s`);
console.log(`ratio ours / dayjs-business-time:         ${(ours / theirs).toFixed(0)}x`);
console.log(`target >= 1,000,000/s: ${ours >= 1_000_000 ? 'met' : 'NOT MET'}`);
console.log(`cross-check: dayjs-business-time equals ours on ${equal} of ${CHECK} sample due times`);
for (const d of diffs) console.log(`  differs: ${d}`);
console.log(`cross-check with the process clock on TZ=UTC: equal on ${equalUtc} of ${CHECK}`);
