// ticketClocks() per second on realistic timelines (a reply, a wait on the customer, a follow-up,
// a severity change, resolution), next to firstResponseDue() alone, in one run: what a ticket
// view, a list page or the cron pays to replay the clocks instead of reading stored columns.

import type { TimelineEntry } from '../../shared/clock-timeline';
import { ticketClocks } from '../../shared/clocks';
import type { Severity } from '../../shared/schema';
import { compileCoverage, firstResponseDue, STANDARD_COVERAGE } from '../../shared/targets';

const SAMPLES = 5_000;
const MIN = 60_000;
let seed = 7;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648; // deterministic LCG: same timelines each run
  return seed / 2_147_483_648;
};
const start = Date.parse('2026-01-05T00:00:00+07:00');
const cov = compileCoverage(STANDARD_COVERAGE);
const targets = { nextResponse: { 1: 60, 2: 120, 3: 240, 4: 480 }, resolution: { 1: 960, 2: 1920 } };

const tickets = Array.from({ length: SAMPLES }, () => {
  const receivedAt = start + Math.floor(random() * 330 * 1440) * MIN;
  let at = receivedAt;
  const next = (maxMinutes: number) => (at += Math.ceil(random() * maxMinutes) * MIN);
  const entries: TimelineEntry[] = [
    { at: next(600), kind: 'agent_reply' },
    { at: at, kind: 'status_changed', status: 'pending' },
    { at: next(2880), kind: 'customer_reply' },
    { at: next(120), kind: 'severity_changed', severity: (Math.floor(random() * 4) + 1) as Severity },
    { at: next(600), kind: 'agent_reply' },
    { at: next(1440), kind: 'status_changed', status: 'resolved' },
  ];
  return { receivedAt, severity: (Math.floor(random() * 4) + 1) as Severity, entries, now: next(1440) };
});

function rate(step: (i: number) => number, ms: number): number {
  let sink = 0;
  for (let i = 0; i < 500; i++) sink += step(i % SAMPLES);
  let calls = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) for (let i = 0; i < 200; i++, calls++) sink += step(calls % SAMPLES);
  if (sink === 42) console.log('');
  return calls / ((performance.now() - t0) / 1000);
}

const clocks = rate((i) => {
  const t = tickets[i] as (typeof tickets)[number];
  return ticketClocks({ coverage: cov, timeline: t, targets, now: t.now }).length;
}, 1500);
const due = rate((i) => {
  const t = tickets[i] as (typeof tickets)[number];
  return firstResponseDue(cov, t.severity, t.receivedAt).dueAt;
}, 1000);
console.log(`ticketClocks (6 entries, 3 clocks): ${Math.round(clocks).toLocaleString('en')} tickets/s`);
console.log(`firstResponseDue alone: ${Math.round(due).toLocaleString('en')} calls/s`);
console.log(`ratio: one clock replay costs ~${(due / clocks).toFixed(0)}x one due-time computation`);
