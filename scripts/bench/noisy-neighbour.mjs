#!/usr/bin/env node
// Noisy neighbour (issue 15): desk A is loaded as hard as its rate limit lets it be, while desk B's
// intake (POST /v1/tickets) and agent list (GET /v1/tickets) latencies are measured, first with A
// idle, then under A's load. Printed: `noisy neighbour: <ratio>`, B's p95 under load / B's p95 alone
// (the worse of intake and list), with A and B on two data databases (DATA_1, DATA_2), and the same
// ratio with both desks on one shared database for comparison. A fresh `wrangler dev` on
// 127.0.0.1 per layout; every loop is bounded by time and by a request cap.
//
// "At its rate limit": RL_INTAKE allows 30 intakes per minute per (widget key, client IP). A desk has
// no limit of its own (many end users share its keys), so A is loaded by LOAD_CLIENTS closed-loop
// clients, each using one (key, IP) pair for exactly 30 intakes (its whole per-minute budget) and then
// the next IP: A's end users all at their limit, nothing refused (the 429 count is printed to show it),
// plus A's agents polling their list. B is one client alternating intake and list.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { migrateLocal, ROOT, seedLocal, startDev, stopDev, waitForHttp } from '../local-wrangler.mjs';
import { placedBenchSeed } from '../seed-sql.mjs';

const PORT = Number(process.env.BENCH_NOISY_PORT ?? 8832);
const BASE = `http://127.0.0.1:${PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3) * 2; // per phase and round
const ROUNDS = 2;
const LOAD_CLIENTS = Number(process.env.BENCH_NOISY_CLIENTS ?? 6);
const PER_PAIR = 30; // RL_INTAKE: 30 per minute per (key, IP)
const KEYS = 4;
const MAX_REQUESTS = 20_000; // per phase, whatever the speed
const CHROME_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';

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
    body: JSON.stringify({
      subject: `Noisy ${desk} ${n}`,
      description: 'The report page answers with an error since this morning.',
      category: 'problem',
      impact: { affected: 'main_function_degraded', workaround: 'limited' },
      contact: { name: 'Budi', email: 'budi@customer.example' },
      environment: { userAgent: CHROME_UA, cookiesEnabled: true },
      context: { appVersion: '3.2.1', deployment: 'production' },
    }),
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

/** Desk A's load until `stop()`: clients each spending (key, IP) budgets of 30 intakes, and list polls. */
function loadDeskA() {
  let running = true;
  const counts = { intakes: 0, lists: 0, limited: 0, other: 0 };
  let pair = 0;
  async function client(c) {
    while (running && counts.intakes + counts.lists < MAX_REQUESTS) {
      const p = pair++;
      for (let i = 0; i < PER_PAIR && running; i++) {
        const res = await intake('a', p, ip(p, 100 + (c % 50)));
        await res.arrayBuffer();
        counts.intakes++;
        if (res.status === 429) counts.limited++;
        else if (res.status !== 201) counts.other++;
        // Every fifth request an agent of A reads the queue.
        if (i % 5 === 4) {
          const r = await list('a', ip(p, 200));
          await r.arrayBuffer();
          counts.lists++;
        }
      }
    }
  }
  const done = Promise.all(Array.from({ length: LOAD_CLIENTS }, (_, c) => client(c)));
  return {
    counts,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

/** Desk B, one client, alternating intake and list for SECONDS: latencies in ms. */
async function measureDeskB(phase) {
  const lat = { intake: [], list: [] };
  let bad = 0;
  const end = performance.now() + SECONDS * 1000;
  let n = 0;
  while (performance.now() < end && n < MAX_REQUESTS) {
    n++;
    const t0 = performance.now();
    const res = await intake('b', n, ip(n, 50 + (phase % 50)));
    await res.arrayBuffer();
    lat.intake.push(performance.now() - t0);
    if (res.status !== 201) bad++;
    const t1 = performance.now();
    const r = await list('b', ip(n, 60));
    await r.arrayBuffer();
    lat.list.push(performance.now() - t1);
    if (r.status !== 200) bad++;
  }
  return { ...lat, bad };
}

async function layout(name, databases) {
  const persist = `.wrangler/bench/noisy-${name}`;
  rmSync(join(ROOT, persist), { recursive: true, force: true });
  await migrateLocal(persist);
  await seedLocal(
    persist,
    await placedBenchSeed({ slug: 'a', database: databases.a, keys: KEYS }),
    'noisy-a',
  );
  await seedLocal(
    persist,
    await placedBenchSeed({ slug: 'b', database: databases.b, keys: KEYS }),
    'noisy-b',
  );
  const server = startDev({ port: PORT, persistTo: persist });
  try {
    await waitForHttp(`${BASE}/v1/health`);
    // Warm-up: both desks' credentials cached, both databases opened.
    for (let i = 0; i < 20; i++) {
      for (const d of ['a', 'b']) {
        await (await intake(d, i, ip(i, 250))).arrayBuffer();
        await (await list(d, ip(i, 251))).arrayBuffer();
      }
    }
    const alone = { intake: [], list: [] };
    const loaded = { intake: [], list: [] };
    let bad = 0;
    const counts = { intakes: 0, lists: 0, limited: 0, other: 0 };
    let loadSeconds = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const a = await measureDeskB(round * 2);
      alone.intake.push(...a.intake);
      alone.list.push(...a.list);
      const noisy = loadDeskA();
      const t0 = performance.now();
      const b = await measureDeskB(round * 2 + 1);
      await noisy.stop();
      loadSeconds += (performance.now() - t0) / 1000;
      loaded.intake.push(...b.intake);
      loaded.list.push(...b.list);
      bad += a.bad + b.bad;
      for (const k of Object.keys(counts)) counts[k] += noisy.counts[k];
    }
    const r = (kind) => pct(loaded[kind], 95) / pct(alone[kind], 95);
    const ratio = Math.max(r('intake'), r('list'));
    console.log(
      `${name}: A ran ${counts.intakes} intakes (${(counts.intakes / loadSeconds).toFixed(0)}/s, ${counts.limited} answered 429, ${counts.other} other errors) and ${counts.lists} list reads over ${loadSeconds.toFixed(1)} s`,
    );
    for (const kind of ['intake', 'list']) {
      console.log(
        `${name}: B ${kind.padEnd(6)} p95 alone ${pct(alone[kind], 95).toFixed(1)} ms (${alone[kind].length} req), under A's load ${pct(loaded[kind], 95).toFixed(1)} ms (${loaded[kind].length} req): ratio ${r(kind).toFixed(2)}`,
      );
    }
    if (bad) console.log(`${name}: ${bad} unexpected statuses for B`);
    return ratio;
  } finally {
    stopDev(server);
    await new Promise((res) => setTimeout(res, 500));
  }
}

const separate = await layout('two-databases', { a: 'DATA_1', b: 'DATA_2' });
const shared = await layout('one-database', { a: 'DATA_1', b: 'DATA_1' });
console.log(`noisy neighbour: ${separate.toFixed(2)} (desks A and B on two data databases; aim <= 1.5)`);
console.log(`noisy neighbour (one shared database): ${shared.toFixed(2)}`);
