#!/usr/bin/env node
// Noisy neighbour (issue 15): desk A is loaded as hard as its rate limit lets it be, while desk B's
// intake (POST /v1/tickets) and agent list (GET /v1/tickets) latencies are measured, first with A
// idle, then under A's load. Printed: `noisy neighbour: <ratio>`, B's p95 under load / B's p95 alone
// (the worse of intake and list), with A and B on two data databases (DATA_1, DATA_2), and the same
// ratio with both desks on one shared database for comparison. A fresh `wrangler dev` on
// 127.0.0.1 per layout; every loop is bounded by time and by a request cap.
//
// "At its rate limit": RL_INTAKE allows 30 intakes per minute per (widget key, client IP), so a desk
// has no limit of its own: its end users each have one. A's load is therefore its end users AT their
// limit: every simulated user (one key, one IP) sends exactly 30 intakes, its whole budget for the
// minute, at 1 every 2 s, and A has as many of them as it takes to reach BENCH_NOISY_RATE intakes/s
// in total (default 10/s, i.e. 20 users at the limit: about half of what this 2-core machine
// sustains, so the figure is contention, not saturation; BENCH_NOISY_RATE=20 saturates it);
// A's agents read their list once every five intakes. Open loop (requests start on a schedule,
// whether or not earlier ones finished), bounded by MAX_IN_FLIGHT and MAX_REQUESTS. The 429 count is
// printed: at the limit, not over it, nothing should be refused.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { migrateLocal, ROOT, seedLocal, startDev, stopDev, waitForHttp } from '../local-wrangler.mjs';
import { placedBenchSeed } from '../seed-sql.mjs';
import { widgetTicketBody } from './_intake-body.mjs';

const PORT = Number(process.env.BENCH_NOISY_PORT ?? 8832);
const BASE = `http://127.0.0.1:${PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3) * 2; // per phase and round
const ROUNDS = 3;
const RATE = Number(process.env.BENCH_NOISY_RATE ?? 10); // the neighbour's intakes per second
const MAX_IN_FLIGHT = 64;
const PER_PAIR = 30; // RL_INTAKE: 30 per minute per (key, IP)
const KEYS = 4;
const MAX_REQUESTS = 20_000; // per phase, whatever the speed

let seq = 0;
const ip = (n, net) => `10.${net}.${(n >> 8) & 255}.${n & 255}`;
function intake(desk, keyIndex, clientIp) {
  const n = seq++;
  return fetch(`${BASE}/v1/tickets`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Kinobi-Key': `${desk}-key-${keyIndex % KEYS}`,
      'CF-Connecting-IP': clientIp,
      'Idempotency-Key': `noisy-${process.pid}-${n}`,
    },
    body: widgetTicketBody(`Noisy ${desk} ${n}`),
  });
}
const list = (desk, clientIp) =>
  fetch(`${BASE}/v1/tickets?limit=25`, {
    headers: { Authorization: `Bearer ${desk}-agent-token`, 'CF-Connecting-IP': clientIp },
  });

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

let users = 0; // A's simulated end users, never reused: each (key, IP) spends one budget only

/** A noisy desk's load until `stop()`: RATE intakes/s from users at their limit, and list polls. */
function loadNoisy(desk) {
  const counts = { intakes: 0, lists: 0, limited: 0, other: 0, skipped: 0 };
  const inFlight = new Set();
  const fire = (make, onDone) => {
    if (inFlight.size >= MAX_IN_FLIGHT) {
      counts.skipped++;
      return;
    }
    const p = make()
      .then(async (res) => {
        await res.arrayBuffer();
        onDone(res.status);
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  // RATE / 0.5 users, each at 1 intake every 2 s (30 a minute), started spread over those 2 s.
  const userCount = Math.max(1, Math.round(RATE * 2));
  const timers = [];
  for (let u = 0; u < userCount; u++) {
    const user = users++;
    let sent = 0;
    const tick = () => {
      if (sent >= PER_PAIR || counts.intakes + counts.lists >= MAX_REQUESTS) return;
      sent++;
      fire(
        () => intake(desk, user, ip(user, 100 + ((user >> 16) & 63))),
        (status) => {
          counts.intakes++;
          if (status === 429) counts.limited++;
          else if (status !== 201) counts.other++;
        },
      );
      if (sent % 5 === 0)
        fire(
          () => list('a', ip(user, 200)),
          () => counts.lists++,
        );
    };
    timers.push(
      setTimeout(
        () => {
          tick();
          timers.push(setInterval(tick, 2000));
        },
        (u * 2000) / userCount,
      ),
    );
  }
  // Its agents: one list read per five intakes, on a schedule of their own.
  let reads = 0;
  timers.push(
    setInterval(
      () =>
        fire(
          () => list(desk, ip(reads++, 200)),
          () => counts.lists++,
        ),
      5000 / RATE,
    ),
  );
  return {
    counts,
    stop: async () => {
      for (const t of timers) clearInterval(t);
      await Promise.all(inFlight);
    },
  };
}

/** The measured desk, one client, alternating intake and list for SECONDS: latencies in ms. */
async function measureQuiet(desk, phase) {
  const lat = { intake: [], list: [] };
  let bad = 0;
  const end = performance.now() + SECONDS * 1000;
  let n = 0;
  while (performance.now() < end && n < MAX_REQUESTS) {
    n++;
    const t0 = performance.now();
    const res = await intake(desk, n, ip(n, 10 + (phase % 80)));
    await res.arrayBuffer();
    lat.intake.push(performance.now() - t0);
    if (res.status !== 201) bad++;
    const t1 = performance.now();
    const r = await list(desk, ip(n, 95));
    await r.arrayBuffer();
    lat.list.push(performance.now() - t1);
    if (r.status !== 200) bad++;
  }
  return { ...lat, bad };
}

const median = (xs) => pct(xs, 50);

/**
 * One `wrangler dev`, four desks: A (DATA_1) loads while B (DATA_2) is measured, the two-database
 * layout; C loads while D is measured, both on DATA_1, the shared layout. The phases alternate in
 * rounds on the same server (B alone, B under A, D alone, D under C), so the machine's other load
 * falls on both layouts alike; each layout's ratio is the median of its rounds' ratios.
 */
async function run() {
  const persist = '.wrangler/bench/noisy-neighbour';
  rmSync(join(ROOT, persist), { recursive: true, force: true });
  await migrateLocal(persist);
  const placement = { a: 'DATA_1', b: 'DATA_2', c: 'DATA_1', d: 'DATA_1' };
  for (const [slug, database] of Object.entries(placement)) {
    await seedLocal(persist, await placedBenchSeed({ slug, database, keys: KEYS }), `noisy-${slug}`);
  }
  const server = startDev({ port: PORT, persistTo: persist });
  try {
    await waitForHttp(`${BASE}/v1/health`);
    // Warm-up: every desk's credentials cached, every database opened.
    for (let i = 0; i < 20; i++) {
      for (const d of Object.keys(placement)) {
        await (await intake(d, i, ip(i, 250))).arrayBuffer();
        await (await list(d, ip(i, 251))).arrayBuffer();
      }
    }
    const layouts = [
      { name: 'two databases', noisy: 'a', quiet: 'b' },
      { name: 'one shared database', noisy: 'c', quiet: 'd' },
    ].map((l) => ({
      ...l,
      ratios: [],
      alone: { intake: [], list: [] },
      loaded: { intake: [], list: [] },
      seconds: 0,
      bad: 0,
      counts: { intakes: 0, lists: 0, limited: 0, other: 0, skipped: 0 },
    }));
    let phase = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const l of layouts) {
        const alone = await measureQuiet(l.quiet, phase++);
        const noise = loadNoisy(l.noisy);
        const t0 = performance.now();
        const loaded = await measureQuiet(l.quiet, phase++);
        await noise.stop();
        l.seconds += (performance.now() - t0) / 1000;
        for (const k of Object.keys(l.counts)) l.counts[k] += noise.counts[k];
        for (const kind of ['intake', 'list']) {
          l.alone[kind].push(...alone[kind]);
          l.loaded[kind].push(...loaded[kind]);
        }
        l.bad += alone.bad + loaded.bad;
        const ratio = (kind) => pct(loaded[kind], 95) / pct(alone[kind], 95);
        l.ratios.push(Math.max(ratio('intake'), ratio('list')));
        console.log(
          `round ${round + 1} ${l.name}: quiet desk p95 intake ${pct(alone.intake, 95).toFixed(1)} -> ${pct(loaded.intake, 95).toFixed(1)} ms, list ${pct(alone.list, 95).toFixed(1)} -> ${pct(loaded.list, 95).toFixed(1)} ms`,
        );
      }
    }
    for (const l of layouts) {
      const c = l.counts;
      console.log(
        `${l.name}: noisy desk ran ${c.intakes} intakes (${(c.intakes / l.seconds).toFixed(1)}/s of ${RATE}/s asked, users at 30/min each; ${c.limited} answered 429, ${c.other} other errors, ${c.skipped} not sent at the in-flight cap) and ${c.lists} list reads in ${l.seconds.toFixed(1)} s`,
      );
      for (const kind of ['intake', 'list']) {
        console.log(
          `${l.name}: quiet desk ${kind.padEnd(6)} p95 alone ${pct(l.alone[kind], 95).toFixed(1)} ms (${l.alone[kind].length} req), under load ${pct(l.loaded[kind], 95).toFixed(1)} ms (${l.loaded[kind].length} req)`,
        );
      }
      if (l.bad) console.log(`${l.name}: ${l.bad} unexpected statuses for the quiet desk`);
    }
    return layouts.map((l) => median(l.ratios));
  } finally {
    stopDev(server);
  }
}

const [separate, shared] = await run();
console.log(
  `noisy neighbour: ${separate.toFixed(2)} (B's p95 under A's load / alone, worse of intake and list; A and B on two data databases; aim <= 1.5)`,
);
console.log(`noisy neighbour (one shared database): ${shared.toFixed(2)}`);
